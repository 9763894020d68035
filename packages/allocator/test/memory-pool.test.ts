import { describe, expect, it } from "vitest";
import { MemoryPool } from "../src/index.js";

describe("MemoryPool", () => {
  it("grants reservations that fit, refuses others without taking anything, and tracks the peak", () => {
    const pool = new MemoryPool(1000);
    expect(pool.reserve(600)).toBe(true);
    expect(pool.reserve(500)).toBe(false);
    expect(pool.used).toBe(600);
    expect(pool.reserve(400)).toBe(true);
    expect(pool.available).toBe(0);
    pool.release(1000);
    expect(pool.used).toBe(0);
    expect(pool.peak).toBe(1000);
  });

  it("rejects bad sizes and releases of more than is in use", () => {
    expect(() => new MemoryPool(-1)).toThrow(RangeError);
    expect(() => new MemoryPool(1.5)).toThrow(RangeError);
    const pool = new MemoryPool(10);
    expect(pool.reserve(-1)).toBe(false);
    expect(pool.reserve(Number.NaN)).toBe(false);
    expect(() => pool.release(1)).toThrow(RangeError);
  });

  it("system() has no cap", () => {
    const pool = MemoryPool.system();
    expect(pool.reserve(2 ** 40)).toBe(true);
    expect(pool.used).toBe(2 ** 40);
  });

  it("accounts give back exactly what they took", () => {
    const pool = new MemoryPool(100);
    const a = pool.account();
    const b = pool.account();
    expect(a.reserve(30)).toBe(true);
    expect(b.reserve(50)).toBe(true);
    expect(a.reserve(30)).toBe(false);
    expect(a.used).toBe(30);
    a.release(10);
    expect(pool.used).toBe(70);
    expect(() => a.release(21)).toThrow(RangeError);
    a.close();
    expect(a.used).toBe(0);
    expect(pool.used).toBe(50);
    b.close();
    expect(pool.used).toBe(0);
  });
});
