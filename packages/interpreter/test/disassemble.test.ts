import { readdirSync, readFileSync } from "node:fs";
import { parseModule } from "@microwasm/parser";
import { validateModule } from "@microwasm/validator";
import { describe, expect, it } from "vitest";
import { compileModule, disassemble, disassembleModule } from "../src/index.js";
import { compileWat } from "./load.js";

const kernels = new URL("../../../test/bench/kernels/", import.meta.url);

describe("disassemble", () => {
  it("renders each instruction with its pc, name and named operands", async () => {
    const compiled = await compileWat(`(module
      (func $count (export "count") (param $n i32) (result i32) (local $i i32) (local $sum i64)
        (loop $next
          (local.set $sum (i64.add (local.get $sum) (i64.const 3)))
          (br_if $next (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
        (i32.wrap_i64 (local.get $sum))))`);
    expect(disassemble(compiled.functions[0]!)).toBe(
      [
        "func 0 count: 1 params, 2 locals, 6 frame slots, 16 words",
        "     0  i64.add_imm            dst=s2 a=s2 imm=3",
        "     5  i32.add_imm_br_if_ne   x=s1 a=s1 c=1 other=s0 target=@0 weight=11",
        "    12  i32.wrap_i64           dst=s0 a=s2",
        "    15  return",
        "",
      ].join("\n"),
    );
  });

  it("shows immediates of every width, tables and SIMD ops", async () => {
    const compiled = await compileWat(`(module (memory 1)
      (func (param i32) (result f64)
        (block (block (br_table 0 1 (local.get 0))) (drop (i64.const -5)))
        (v128.store offset=16 (i32.const 0) (i32x4.splat (i32.const 9)))
        (f64.const 2.5)))`);
    const text = disassemble(compiled.functions[0]!);
    expect(text).toMatch(/ br_table +index=s0 n=2 target=@\d+ target=@\d+\n/);
    expect(text).toMatch(/ i32x4\.splat +dst=s\d+ a=s\d+\n/);
    expect(text).toMatch(/ v128\.store +a=s\d+ b=s\d+ offset=16\n/);
    expect(text).toMatch(/ f64\.const +dst=s0 value=2\.5\n/);
  });

  it("walks the code of real modules exactly, every jump landing on an instruction", () => {
    const files = readdirSync(kernels).filter((name) => name.endsWith(".wasm"));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const compiled = compileModule(validateModule(parseModule(readFileSync(new URL(file, kernels)))));
      const text = disassembleModule(compiled);
      for (const fn of compiled.functions) {
        const lines = disassemble(fn).split("\n").slice(1, -1);
        const pcs = new Set(lines.map((line) => Number(line.slice(0, 6))));
        for (const line of lines) {
          for (const target of line.matchAll(/@(\d+)/g))
            expect(pcs, `${file}: ${line}`).toContain(Number(target[1]));
        }
        expect(text).toContain(lines.join("\n"));
      }
    }
  });
});
