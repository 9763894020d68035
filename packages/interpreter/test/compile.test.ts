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
});
