import { opId, wasm2Features, wasm3Features } from "@microwasm/core";
import { wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { parseModule } from "../src/index.js";
import { reasonOf } from "./helpers.js";

// Decoding of the 3.0 memory encodings: memargs naming a memory with a u64 offset, memory
// types with shared and 64-bit flags, and the 0xFE atomics.

const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
/** A module whose memory section holds one memory type of these bytes. */
const memorySection = (...type: number[]) =>
  Uint8Array.from([...header, 0x05, type.length + 1, 0x01, ...type]);

describe("3.0 memory encodings", () => {
  it("decodes a memarg's memory index and 64-bit offset into four words", async () => {
    const m = parseModule(
      await wat(
        `(module (memory 1) (memory $b i64 1)
          (func (drop (i32.load $b offset=0x100000004 align=2 (i64.const 0)))
                (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))))`,
        { multi_memory: true, memory64: true, threads: true },
      ),
      wasm3Features,
    );
    const ops = m.codes[0]!.code.ops;
    const load = ops.indexOf(opId("i32.load"));
    expect(Array.from(ops.subarray(load, load + 5))).toEqual([opId("i32.load"), 1, 1, 4, 1]);
    expect(ops.indexOf(opId("i32.atomic.rmw.add"))).toBeGreaterThan(load);
  });

  it("reads memory limits flags per feature", () => {
    expect(parseModule(memorySection(0x03, 1, 2), wasm3Features).memories[0]).toEqual({
      limits: { min: 1, max: 2 },
      shared: true,
    });
    expect(parseModule(memorySection(0x05, 1, 2), wasm3Features).memories[0]).toEqual({
      limits: { min: 1, max: 2 },
      shared: false,
      is64: true,
    });
    expect(reasonOf(memorySection(0x08, 1), wasm3Features)).toBe("malformed limits flags");
    expect(reasonOf(memorySection(0x81, 0x00, 1), wasm3Features)).toBe("malformed limits flags");
    // 2.0: the flag is a one-bit LEB128
    expect(reasonOf(memorySection(0x03, 1, 2), wasm2Features)).toBe("integer too large");
  });
});
