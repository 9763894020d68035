import { PAGE_SIZE } from "@microwasm/core";
import { describe, expect, it } from "vitest";
import { MemoryInstance } from "../src/index.js";

describe("MemoryInstance.grow", () => {
  it("detaches the old buffer when `buffer` handed it out, as the JS API requires", () => {
    const memory = new MemoryInstance({ limits: { min: 1, max: 4 }, shared: false });
    const old = memory.buffer;
    new Uint8Array(old)[7] = 42;
    expect(memory.grow(1)).toBe(1);
    expect(old.byteLength).toBe(0);
    expect(memory.buffer.byteLength).toBe(2 * PAGE_SIZE);
    expect(memory.u8[7]).toBe(42);
    // A grow by zero pages replaces a handed-out buffer too.
    const before = memory.buffer;
    expect(memory.grow(0)).toBe(2);
    expect(before.byteLength).toBe(0);
    expect(memory.buffer).not.toBe(before);
  });

  it("leaves buffers nobody was handed attached (no detach, which would slow every typed array)", () => {
    const memory = new MemoryInstance({ limits: { min: 1 }, shared: false });
    const internal = memory.currentBuffer;
    memory.u8[3] = 9;
    expect(memory.grow(2)).toBe(1);
    expect(internal.byteLength).toBe(PAGE_SIZE);
    expect(memory.currentBuffer).not.toBe(internal);
    expect(memory.currentBuffer.byteLength).toBe(3 * PAGE_SIZE);
    expect(memory.u8[3]).toBe(9);
    expect(memory.grow(0)).toBe(3);
    expect(memory.currentBuffer.byteLength).toBe(3 * PAGE_SIZE);
  });
});
