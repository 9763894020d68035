import { describe, expect, it } from "vitest";
import { disassemble } from "../src/index.js";
import { compileWat } from "./load.js";

/** A function's instructions as "name operand=value ..." (layouts from the instruction set). */
function instructions(text: string): string[] {
  return text
    .split("\n")
    .slice(1, -1)
    .map((line) => line.slice(8).replace(/ +/g, " ").trim());
}

describe("register-form compilation", () => {
  it("reads locals in place and writes results straight into locals", async () => {
    const compiled = await compileWat(`(module
      (func (param i32 i32) (local i32)
        (local.set 2 (i32.add (local.get 0) (local.get 1)))))`);
    expect(instructions(disassemble(compiled.functions[0]!))).toEqual(["i32.add dst=s2 a=s0 b=s1", "return"]);
  });

  it("emits no code for blocks, drops or branches that move nothing", async () => {
    const compiled = await compileWat(`(module
      (func (param i32) (result i32)
        (block (drop (i32.const 1)) (br_if 0 (local.get 0)))
        (local.get 0)))`);
    // The dropped constant, the branch on the local itself, and the return: the result already
    // is in slot 0, and the branch's target is the return.
    expect(instructions(disassemble(compiled.functions[0]!))).toEqual([
      "i32.const dst=s1 value=1",
      "br_if cond=s0 target=@6",
      "return",
    ]);
  });

  it("makes the pc-to-offset pairs when first read, the same whatever was compiled before", async () => {
    const text = `(module
      (memory 1)
      (func (param i32) (result i32)
        (block (loop
          (local.set 0 (i32.add (local.get 0) (i32.const 1)))
          (br_if 1 (i32.gt_s (local.get 0) (i32.const 100)))
          (br 0)))
        (i32.load offset=4 (i32.add (local.get 0) (i32.const 8))))
      (func (param i64 i64) (result i64)
        (if (result i64) (i64.eqz (local.get 0))
          (then (i64.mul (local.get 1) (i64.const 3)))
          (else (unreachable)))))`;
    const first = await compileWat(text);
    const other = await compileWat(`(module (func (result i32) (i32.add (i32.const 1) (i32.const 2))))`);
    void other.functions[0]!.pcOffsets;
    const second = await compileWat(text);
    for (let i = 1; i >= 0; i--) {
      const fn = first.functions[i]!;
      const pairs = Array.from(fn.pcOffsets);
      expect(fn.pcOffsets).toBe(fn.pcOffsets);
      expect(pairs).toEqual(Array.from(second.functions[i]!.pcOffsets));
      const offsets = new Set(first.validated.functions[i]!.code.offsets);
      for (let k = 0; k < pairs.length; k += 2) {
        if (k > 0) expect(pairs[k]!).toBeGreaterThanOrEqual(pairs[k - 2]!);
        expect(pairs[k]!).toBeLessThan(fn.code.length);
        expect(offsets.has(pairs[k + 1]!)).toBe(true);
      }
      expect(pairs.length).toBeGreaterThan(4);
    }
  });
});
