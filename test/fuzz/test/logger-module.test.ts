import { wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { microwasmEngine, nodeEngine } from "../src/engines.js";
import { zeroArgumentsByExport } from "../src/export-params.js";
import { runFuzzExec } from "../src/fuzz-exec.js";

// The fuzz-exec transcript on both engines, for a module that logs every kind of value with
// bit patterns a JS number would not keep (a signalling NaN) and traps.
const source = `(module
  (import "fuzzing-support" "log-i32" (func $i32 (param i32)))
  (import "fuzzing-support" "log-i64" (func $i64 (param i64)))
  (import "fuzzing-support" "log-f32" (func $f32 (param f32)))
  (import "fuzzing-support" "log-f64" (func $f64 (param f64)))
  (import "fuzzing-support" "log-v128" (func $v128 (param v128)))
  (global $budget (mut i32) (i32.const 0))
  (func (export "hangLimitInitializer") (global.set $budget (i32.const 10)))
  (func (export "logs") (param i64) (result i32)
    (call $i32 (i32.const -5))
    (call $i64 (i64.const -9223372036854775808))
    (call $f32 (f32.reinterpret_i32 (i32.const 0x7fa00001)))
    (call $f64 (f64.const -0))
    (call $v128 (v128.const i32x4 1 2 3 0xffffffff))
    (global.get $budget))
  (func (export "traps") (result i64) (i64.div_s (i64.const 1) (i64.const 0)))
  (func (export "v128") (result v128) (v128.const i64x2 0 0)))`;

describe("the fuzz-exec protocol", () => {
  it("records exact bits of logged values, results and trap classes, the same on both engines", async () => {
    const bytes = await wat(source);
    const args = zeroArgumentsByExport(bytes);
    expect(args.get("logs")).toEqual([0n]);
    const expected = [
      "call hangLimitInitializer",
      "call logs",
      "log i32 -5",
      "log i64 -9223372036854775808",
      "log f32 0x7fa00001",
      "log f64 0x8000000000000000",
      "log v128 0x00000001 0x00000002 0x00000003 0xffffffff",
      "result 10",
      "call traps",
      "trap div-by-zero",
      "call v128",
      "TypeError",
    ];
    expect(runFuzzExec(nodeEngine, bytes, args)).toEqual({ setup: null, lines: expected, ended: null });
    const microwasm = microwasmEngine("interpreter", { timeoutMs: 10_000 });
    expect(runFuzzExec(microwasm, bytes, args)).toEqual({ setup: null, lines: expected, ended: null });
  });

  it("refuses modules that import anything but the loggers", async () => {
    const bytes = await wat(`(module (import "env" "f" (func)))`);
    expect(runFuzzExec(nodeEngine, bytes, new Map()).setup).toBe("unknown import env.f");
  });
});
