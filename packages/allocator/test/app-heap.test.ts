import { describe, expect, it } from "vitest";
import { AppHeap } from "../src/index.js";

function memory(bytes: number): { u8: Uint8Array } {
  return { u8: new Uint8Array(bytes) };
}

/** A tiny deterministic PRNG so the randomized test is reproducible. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

describe("AppHeap", () => {
  it("allocates 8-byte aligned, non-overlapping blocks inside its region", () => {
    const mem = memory(4096);
    const heap = new AppHeap(mem, 1001, 2000);
    const blocks: [number, number][] = [];
    for (const size of [1, 7, 8, 9, 100, 0, 33]) {
      const p = heap.malloc(size);
      expect(p).not.toBe(0);
      expect(p % 8).toBe(0);
      expect(p).toBeGreaterThanOrEqual(1001);
      expect(p + size).toBeLessThanOrEqual(3001);
      expect(heap.usableSize(p)).toBeGreaterThanOrEqual(size);
      blocks.push([p, size]);
    }
    const sorted = [...blocks].sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < sorted.length; i++)
      expect(sorted[i]![0]).toBeGreaterThanOrEqual(sorted[i - 1]![0] + sorted[i - 1]![1]);
    expect(heap.verify()).toBe(true);
  });

  it("returns 0 when full and coalesces freed neighbours back into one block", () => {
    const heap = new AppHeap(memory(1024), 0, 1024);
    const whole = heap.stats().largestFree;
    const ptrs: number[] = [];
    for (;;) {
      const p = heap.malloc(40);
      if (p === 0) break;
      ptrs.push(p);
    }
    expect(ptrs.length).toBe(Math.floor(1024 / 48));
    expect(heap.malloc(40)).toBe(0);
    // Free in an order that exercises merging with the next, the previous, and both.
    for (const i of [1, 3, 2, 0]) expect(heap.free(ptrs[i]!)).toBe(true);
    for (let i = ptrs.length - 1; i >= 4; i--) expect(heap.free(ptrs[i]!)).toBe(true);
    const stats = heap.stats();
    expect(stats.blocks).toBe(1);
    expect(stats.used).toBe(0);
    expect(stats.largestFree).toBe(whole);
    expect(heap.malloc(1000)).not.toBe(0);
  });

  it("ignores frees of pointers that are not allocated blocks, including double frees", () => {
    const heap = new AppHeap(memory(512), 0, 512);
    const p = heap.malloc(16);
    expect(heap.free(p + 8)).toBe(false);
    expect(heap.free(12345)).toBe(false);
    expect(heap.free(p)).toBe(true);
    expect(heap.free(p)).toBe(false);
    expect(heap.corrupted).toBe(false);
  });

  it("reallocs in place when the next block is free, else moves the payload", () => {
    const mem = memory(1024);
    const heap = new AppHeap(mem, 0, 1024);
    const a = heap.malloc(16);
    mem.u8.set([1, 2, 3, 4], a);
    expect(heap.realloc(a, 100)).toBe(a); // the rest of the heap is free: in place
    const b = heap.malloc(16);
    const moved = heap.realloc(a, 300);
    expect(moved).not.toBe(a);
    expect([...mem.u8.subarray(moved, moved + 4)]).toEqual([1, 2, 3, 4]);
    expect(heap.usableSize(a)).toBe(0);
    expect(heap.realloc(0, 8)).not.toBe(0);
    expect(heap.realloc(b, 0)).toBe(0);
    expect(heap.usableSize(b)).toBe(0);
    expect(heap.realloc(moved, 5000)).toBe(0);
    expect([...mem.u8.subarray(moved, moved + 4)]).toEqual([1, 2, 3, 4]);
    expect(heap.verify()).toBe(true);
  });

  it("detects an app writing past its block over the next header, and then refuses everything", () => {
    const mem = memory(1024);
    const heap = new AppHeap(mem, 0, 1024);
    const a = heap.malloc(16);
    const b = heap.malloc(16);
    mem.u8.fill(0x41, a, a + 32); // 16 bytes too many: over b's header
    expect(heap.free(a)).toBe(false);
    expect(heap.corrupted).toBe(true);
    expect(heap.malloc(8)).toBe(0);
    expect(heap.free(b)).toBe(false);
    expect(heap.realloc(b, 64)).toBe(0);
  });

  it("detects a forged free header before handing the block out", () => {
    const mem = memory(1024);
    const heap = new AppHeap(mem, 0, 1024);
    const a = heap.malloc(16);
    mem.u8[a + 16] = mem.u8[a + 16]! ^ 0xff; // the free remainder's header
    expect(heap.malloc(16)).toBe(0);
    expect(heap.corrupted).toBe(true);
  });

  it("keeps its record consistent through many random operations", () => {
    const mem = memory(64 * 1024);
    const heap = new AppHeap(mem, 100, 60 * 1024);
    const rnd = lcg(42);
    const live = new Map<number, number>();
    for (let step = 0; step < 5000; step++) {
      if (live.size > 0 && rnd() < 0.45) {
        const keys = [...live.keys()];
        const p = keys[Math.floor(rnd() * keys.length)]!;
        if (rnd() < 0.3) {
          const size = Math.floor(rnd() * 600);
          const q = heap.realloc(p, size);
          if (size === 0) live.delete(p);
          else if (q !== 0) {
            live.delete(p);
            live.set(q, size);
            mem.u8.fill(step & 0xff, q, q + size);
          }
        } else {
          expect(heap.free(p)).toBe(true);
          live.delete(p);
        }
      } else {
        const size = Math.floor(rnd() * 600);
        const p = heap.malloc(size);
        if (p !== 0) {
          live.set(p, size);
          mem.u8.fill(step & 0xff, p, p + size); // the app uses every byte it was given
        }
      }
      expect(heap.corrupted).toBe(false);
    }
    expect(heap.verify()).toBe(true);
    const spans = [...live].sort((x, y) => x[0] - y[0]);
    for (let i = 1; i < spans.length; i++)
      expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![0] + spans[i - 1]![1]);
    for (const p of live.keys()) expect(heap.free(p)).toBe(true);
    expect(heap.stats().blocks).toBe(1);
  });
});
