import { describe, expect, it } from "vitest";
import { compileWat } from "./load.js";

describe("register-form compilation", () => {
  it("reads locals in place and writes results straight into locals", async () => {
    const compiled = await compileWat(`(module
      (func (param i32 i32) (local i32)
        (local.set 2 (i32.add (local.get 0) (local.get 1)))))`);
    const code = Array.from(compiled.functions[0]!.code);
    // One i32.add reading locals 0 and 1 and writing local 2, then the return.
    expect(code).toEqual([0x6a, 2 * 4, 0, 4, 0x14]);
  });

  it("emits no code for blocks, drops or branches that move nothing", async () => {
    const compiled = await compileWat(`(module
      (func (param i32) (result i32)
        (block (drop (i32.const 1)) (br_if 0 (local.get 0)))
        (local.get 0)))`);
    const code = Array.from(compiled.functions[0]!.code);
    // i32.const, br_if on the local, then copy the result to slot 0 (it already is) and return.
    expect(code.filter((op, i) => i === 0 || op === 0x14)).toEqual([0x41, 0x14]);
    expect(code).toContain(0x0a);
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
