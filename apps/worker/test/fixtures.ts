import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildC, wat } from "@microwasm/test-support";

/** The modules every engine check runs, as byte arrays a JS engine can be given as JSON. */
export interface Fixtures {
  readonly arith: number[];
  readonly imports: number[];
  readonly trap: number[];
  /** A WASI command whose `_start` traps. */
  readonly trapCommand: number[];
  readonly malformed: number[];
  readonly files: number[] | null;
}

const programs = (name: string) => fileURLToPath(new URL(`./programs/${name}`, import.meta.url));

export async function makeFixtures(withC: boolean): Promise<Fixtures> {
  const arith = await wat(`(module
    (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
    (func (export "hyp") (param f64 f64) (result f64)
      (f64.sqrt (f64.add (f64.mul (local.get 0) (local.get 0)) (f64.mul (local.get 1) (local.get 1)))))
    (func (export "mul64") (param i64 i64) (result i64) (i64.mul (local.get 0) (local.get 1))))`);
  const imports = await wat(`(module
    (import "env" "mem" (memory 1))
    (import "env" "report" (func $report (param i32 i32)))
    (func (export "fill") (param $n i32) (local $i i32)
      (loop $next
        (i32.store8 (local.get $i) (i32.add (i32.const 65) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
      (call $report (i32.const 0) (local.get $n))))`);
  const trap = await wat(`(module
    (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
    (func (export "boom") unreachable))`);
  const trapCommand = await wat(`(module
    (memory (export "memory") 1)
    (func (export "_start") (drop (i32.div_u (i32.const 1) (i32.const 0)))))`);
  const files = withC ? [...readFileSync(buildC(programs("files.c")))] : null;
  return {
    arith: [...arith],
    imports: [...imports],
    trap: [...trap],
    trapCommand: [...trapCommand],
    malformed: [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0x0a],
    files,
  };
}
