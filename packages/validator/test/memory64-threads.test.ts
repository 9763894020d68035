import { CompileError, wasm2Features, wasm3Features } from "@microwasm/core";
import { parseModule } from "@microwasm/parser";
import { wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { validateModule } from "../src/index.js";

// Validation of the 3.0 memory rules: 64-bit memories type addresses and sizes as i64, atomic
// accesses must be exactly aligned, several memories need multi-memory.

const all = { multi_memory: true, memory64: true, threads: true } as const;

async function reason(text: string, features = wasm3Features): Promise<string> {
  try {
    validateModule(parseModule(await wat(text, all), features), features);
  } catch (e) {
    if (e instanceof CompileError) return e.reason;
    throw e;
  }
  return "valid";
}

describe("3.0 memory validation", () => {
  it("types a 64-bit memory's addresses, sizes and data offsets as i64", async () => {
    expect(
      await reason(`(module (memory i64 1) (data (i64.const 0) "x")
        (func (result i64) (drop (i32.load (i64.const 8))) (memory.grow (memory.size)))
        (func (memory.fill (i64.const 0) (i32.const 0) (i64.const 1))))`),
    ).toBe("valid");
    expect(await reason(`(module (memory i64 1) (func (drop (i32.load (i32.const 8)))))`)).toBe(
      "type mismatch",
    );
    expect(await reason(`(module (memory i64 1) (func (result i32) (memory.size)))`)).toBe("type mismatch");
    expect(await reason(`(module (memory i64 1) (data (i32.const 0) "x"))`)).toBe("type mismatch");
  });

  it("types memory.copy's length as i64 only between two 64-bit memories", async () => {
    const copy = (n: string) =>
      `(module (memory $a 1) (memory $b i64 1) (func (memory.copy $b $a (i64.const 0) (i32.const 0) (${n}.const 1))))`;
    expect(await reason(copy("i32"))).toBe("valid");
    expect(await reason(copy("i64"))).toBe("type mismatch");
  });

  it("requires atomics to be naturally aligned and a shared memory to have a maximum", async () => {
    expect(await reason(`(module (memory 1) (func (drop (i32.atomic.load align=2 (i32.const 0)))))`)).toBe(
      "atomic alignment must be natural",
    );
    expect(await reason(`(module (memory 1 1 shared) (func (drop (i32.atomic.load (i32.const 0)))))`)).toBe(
      "valid",
    );
  });

  it("allows several memories only with multi-memory", async () => {
    const two = `(module (memory 1) (memory 1))`;
    expect(await reason(two)).toBe("valid");
    expect(await reason(two, { ...wasm2Features })).toBe("multiple memories");
  });
});
