import { RuntimeError } from "@microwasm/core";
import { describe, expect, it } from "vitest";
import { FunctionInstance, invoke, MemoryInstance, type ModuleInstance, type Value } from "../src/index.js";
import { instantiateWat } from "./load.js";

// The general memory path (execute-memory.ts): memories other than 0, 64-bit memories and
// atomics, each checked against what the spec defines (values worked out by hand).

function call(instance: ModuleInstance, name: string, ...args: Value[]): Value[] {
  const fn = instance.exports.get(name);
  if (!(fn instanceof FunctionInstance)) throw new Error(`no function ${name}`);
  return invoke(fn, args);
}

const trapOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof RuntimeError) return e.message;
    throw e;
  }
  return "no trap";
};

const all = { multi_memory: true, memory64: true, threads: true } as const;

describe("multi-memory", () => {
  it("loads, stores, sizes, grows and fills each memory on its own", async () => {
    const inst = await instantiateWat(
      `(module
        (memory $a 1) (memory $b 2 3)
        (func (export "storeB") (param i32 i32) (i32.store $b (local.get 0) (local.get 1)))
        (func (export "loadB") (param i32) (result i32) (i32.load $b (local.get 0)))
        (func (export "loadA") (param i32) (result i32) (i32.load $a (local.get 0)))
        (func (export "store16B") (param i32 i32) (i32.store16 $b offset=2 (local.get 0) (local.get 1)))
        (func (export "load64B") (param i32) (result i64) (i64.load32_s $b (local.get 0)))
        (func (export "sizes") (result i32 i32) (memory.size $a) (memory.size $b))
        (func (export "growB") (param i32) (result i32) (memory.grow $b (local.get 0)))
        (func (export "fillB") (param i32 i32 i32) (memory.fill $b (local.get 0) (local.get 1) (local.get 2))))`,
      [],
      all,
    );
    call(inst, "storeB", 8, 42);
    expect(call(inst, "loadB", 8)).toEqual([42]);
    expect(call(inst, "loadA", 8)).toEqual([0]);
    call(inst, "store16B", 100, -2);
    expect(call(inst, "loadB", 100)).toEqual([0xfffe0000 | 0]);
    expect(call(inst, "load64B", 100)).toEqual([-131072n]);
    expect(call(inst, "sizes")).toEqual([1, 2]);
    expect(trapOf(() => call(inst, "loadB", 2 * 65536 - 3))).toBe("out of bounds memory access");
    expect(call(inst, "growB", 1)).toEqual([2]);
    expect(call(inst, "growB", 1)).toEqual([-1]);
    expect(call(inst, "loadB", 2 * 65536 - 3)).toEqual([0]);
    call(inst, "fillB", 0, 0x11, 4);
    expect(call(inst, "loadB", 0)).toEqual([0x11111111]);
    expect(call(inst, "loadA", 0)).toEqual([0]);
  });

  it("copies between memories and initializes any memory from a passive segment", async () => {
    const inst = await instantiateWat(
      `(module
        (memory $a 1) (memory $b 1)
        (data $d "hello")
        (func (export "init") (param i32) (memory.init $b $d (local.get 0) (i32.const 0) (i32.const 5)))
        (func (export "copy") (param i32 i32 i32) (memory.copy $a $b (local.get 0) (local.get 1) (local.get 2)))
        (func (export "byteA") (param i32) (result i32) (i32.load8_u $a (local.get 0)))
        (func (export "byteB") (param i32) (result i32) (i32.load8_u $b (local.get 0))))`,
      [],
      all,
    );
    call(inst, "init", 10);
    expect(call(inst, "byteB", 11)).toEqual(["e".charCodeAt(0)]);
    expect(call(inst, "byteA", 11)).toEqual([0]);
    call(inst, "copy", 200, 10, 5);
    expect(call(inst, "byteA", 204)).toEqual(["o".charCodeAt(0)]);
    expect(trapOf(() => call(inst, "copy", 0, 65535, 2))).toBe("out of bounds memory access");
  });
});

describe("memory64", () => {
  it("takes i64 addresses, sizes and offsets, exactly above 4 GiB", async () => {
    const inst = await instantiateWat(
      `(module
        (memory i64 1 4)
        (func (export "load") (param i64) (result i32) (i32.load (local.get 0)))
        (func (export "loadFar") (param i64) (result i32) (i32.load offset=4294967296 (local.get 0)))
        (func (export "store") (param i64 i32) (i32.store (local.get 0) (local.get 1)))
        (func (export "size") (result i64) (memory.size))
        (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0))))`,
      [],
      all,
    );
    call(inst, "store", 65532n, 7);
    expect(call(inst, "load", 65532n)).toEqual([7]);
    // An address that wraps to 65532 modulo 2^32 is not 65532: it is out of bounds.
    expect(trapOf(() => call(inst, "load", 0x1_0000_fffcn))).toBe("out of bounds memory access");
    expect(trapOf(() => call(inst, "load", -4n))).toBe("out of bounds memory access");
    expect(trapOf(() => call(inst, "loadFar", 0n))).toBe("out of bounds memory access");
    expect(call(inst, "size")).toEqual([1n]);
    expect(call(inst, "grow", 2n)).toEqual([1n]);
    expect(call(inst, "grow", 0x1_0000_0000n)).toEqual([-1n]);
    expect(call(inst, "size")).toEqual([3n]);
  });
});

describe("atomics", () => {
  it("computes every read-modify-write and returns the old value, zero-extended", async () => {
    const inst = await instantiateWat(
      `(module
        (memory 1 1 shared)
        (func (export "add") (param i32 i32) (result i32) (i32.atomic.rmw.add (local.get 0) (local.get 1)))
        (func (export "sub8") (param i32 i32) (result i32) (i32.atomic.rmw8.sub_u (local.get 0) (local.get 1)))
        (func (export "xchg64") (param i32 i64) (result i64) (i64.atomic.rmw.xchg (local.get 0) (local.get 1)))
        (func (export "cmpxchg16") (param i32 i64 i64) (result i64)
          (i64.atomic.rmw16.cmpxchg_u (local.get 0) (local.get 1) (local.get 2)))
        (func (export "load") (param i32) (result i32) (i32.atomic.load (local.get 0)))
        (func (export "load64") (param i32) (result i64) (i64.atomic.load (local.get 0))))`,
      [],
      all,
    );
    expect(call(inst, "add", 0, 5)).toEqual([0]);
    expect(call(inst, "add", 0, -1)).toEqual([5]);
    expect(call(inst, "load", 0)).toEqual([4]);
    expect(call(inst, "sub8", 0, 6)).toEqual([4]);
    expect(call(inst, "load", 0)).toEqual([0xfe]); // 4 - 6 wraps in the byte only
    expect(call(inst, "xchg64", 8, -2n)).toEqual([0n]);
    expect(call(inst, "load64", 8)).toEqual([-2n]);
    expect(call(inst, "cmpxchg16", 8, 0xfffen, 0x1234n)).toEqual([0xfffen]);
    expect(call(inst, "cmpxchg16", 8, 0xfffen, 0x5678n)).toEqual([0x1234n]); // no match: unchanged
    expect(call(inst, "load64", 8)).toEqual([-65536n + 0x1234n]);
    expect(trapOf(() => call(inst, "add", 2, 1))).toBe("unaligned atomic");
    expect(trapOf(() => call(inst, "add", 65536, 1))).toBe("out of bounds memory access");
  });

  it("waits with a timeout on shared memory only, and notifies no one when no one waits", async () => {
    const inst = await instantiateWat(
      `(module
        (memory $s 1 1 shared) (memory $u 1)
        (func (export "wait") (param i32 i32 i64) (result i32)
          (memory.atomic.wait32 $s (local.get 0) (local.get 1) (local.get 2)))
        (func (export "waitUnshared") (result i32)
          (memory.atomic.wait32 $u (i32.const 0) (i32.const 0) (i64.const 0)))
        (func (export "notify") (param i32) (result i32) (memory.atomic.notify $s (local.get 0) (i32.const 1))))`,
      [],
      all,
    );
    expect(call(inst, "wait", 0, 1, 0n)).toEqual([1]); // not-equal
    const start = performance.now();
    expect(call(inst, "wait", 0, 0, 20_000_000n)).toEqual([2]); // timed out after 20 ms
    expect(performance.now() - start).toBeGreaterThanOrEqual(15);
    expect(call(inst, "notify", 0)).toEqual([0]);
    expect(trapOf(() => call(inst, "waitUnshared"))).toBe("expected shared memory");
  });

  it("keeps a shared memory in one SharedArrayBuffer that grows in place", () => {
    const mem = new MemoryInstance({ limits: { min: 1, max: 3 }, shared: true });
    const buffer = mem.shared!;
    const view = new Uint8Array(buffer);
    expect(mem.grow(1)).toBe(1);
    expect(mem.shared).toBe(buffer);
    expect(view.length).toBe(2 * 65536);
    const other = new MemoryInstance({ limits: { min: 2, max: 3 }, shared: true }, undefined, buffer);
    other.u8[70000] = 9;
    expect(mem.u8[70000]).toBe(9);
  });
});
