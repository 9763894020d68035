import { parseModule } from "@microwasm/parser";
import { wat } from "@microwasm/test-support";
import { validateModule } from "@microwasm/validator";
import { describe, expect, it } from "vitest";
import { compileModule, FunctionInstance, instantiateModule, invoke } from "../src/index.js";

/**
 * Issue 11: `X; Y; drop; local.set L` stored Y into L. The compiler writes a value just computed
 * straight into the local, and it retargeted the last instruction (Y) without checking that Y
 * produced the value being set (X). Each case runs on our interpreter and on Node's engine.
 */

/** Node's own engine (the type definitions in use do not declare the WebAssembly global). */
interface NodeWebAssembly {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, (p: unknown) => unknown> };
}
const nodeWasm = (globalThis as unknown as { WebAssembly: NodeWebAssembly }).WebAssembly;

interface TypeCase {
  readonly type: string;
  /** Two different values of the type, each computed by an instruction that writes a home slot. */
  readonly x: string;
  readonly y: readonly string[];
  /** Turns the local's value into the function's i32/i64/f32/f64 result. */
  readonly observe: string;
  readonly result: string;
}

const types: readonly TypeCase[] = [
  {
    type: "i32",
    x: "(i32.const 5)",
    y: ["(i32.const 7)", "(i32.clz (i32.const 7))", "(i32.add (i32.const 3) (i32.const 4))"],
    observe: "",
    result: "i32",
  },
  {
    type: "i64",
    x: "(i64.const 5)",
    y: ["(i64.const 7)", "(i64.clz (i64.const 7))", "(i64.mul (i64.const 3) (i64.const 4))"],
    observe: "",
    result: "i64",
  },
  {
    type: "f32",
    x: "(f32.const 5.5)",
    y: ["(f32.const 7.25)", "(f32.neg (f32.const 7))", "(f32.add (f32.const 3) (f32.const 4))"],
    observe: "",
    result: "f32",
  },
  {
    type: "f64",
    x: "(f64.const 5.5)",
    y: ["(f64.const 7.25)", "(f64.neg (f64.const 7))", "(f64.load (i32.const 0))"],
    observe: "",
    result: "f64",
  },
  {
    type: "v128",
    x: "(v128.const i32x4 1 2 3 4)",
    y: ["(v128.const i32x4 5 6 7 8)", "(i32x4.neg (v128.const i32x4 5 6 7 8))", "(v128.load (i32.const 0))"],
    observe: "(i32x4.extract_lane 1)",
    result: "i32",
  },
  {
    type: "funcref",
    x: "(ref.null func)",
    y: [
      "(global.get $f)",
      "(table.get $t (i32.const 0))",
      "(select (result funcref) (global.get $f) (ref.null func) (i32.const 1))",
    ],
    observe: "(ref.is_null)",
    result: "i32",
  },
  {
    type: "externref",
    x: "(ref.null extern)",
    y: ["(select (result externref) (local.get $p) (ref.null extern) (i32.const 1))"],
    observe: "(ref.is_null)",
    result: "i32",
  },
];

/** The shapes of the bug: set and tee, with one or two values dropped above the one set. */
function bodies(c: TypeCase, y: string): Record<string, string> {
  const { x, observe } = c;
  const get = `(local.get $l) ${observe}`;
  return {
    set: `${x} ${y} drop (local.set $l) ${get}`,
    tee: `${x} ${y} drop (local.tee $l) ${observe}`,
    teeThenGet: `${x} ${y} drop (local.tee $l) drop ${get}`,
    twoDropped: `${x} ${y} ${y} drop drop (local.set $l) ${get}`,
    overwritten: `${y} (local.set $l) ${x} ${y} drop (local.set $l) ${get}`,
  };
}

function moduleText(c: TypeCase): { text: string; names: string[] } {
  const names: string[] = [];
  const funcs: string[] = [];
  c.y.forEach((y, i) => {
    for (const [shape, body] of Object.entries(bodies(c, y))) {
      const name = `${shape}_${i}`;
      names.push(name);
      funcs.push(
        `(func (export "${name}") (param $p externref) (result ${c.result}) (local $l ${c.type}) ${body})`,
      );
    }
  });
  const text = `(module
    (memory 1) (data (i32.const 0) "\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10")
    (table $t 1 funcref) (elem (table $t) (i32.const 0) func $g)
    (func $g)
    (global $f funcref (ref.func $g))
    ${funcs.join("\n    ")})`;
  return { text, names };
}

/** A host reference, passed as every function's externref parameter `$p`. */
const host = { host: true };

describe("local.set / local.tee of a value below the last one computed (issue 11)", () => {
  for (const c of types) {
    it(`stores the value being set, not the last one computed (${c.type})`, async () => {
      const { text, names } = moduleText(c);
      const bytes = await wat(text);
      const native = new nodeWasm.Instance(new nodeWasm.Module(bytes)).exports;
      const ours = instantiateModule(compileModule(validateModule(parseModule(bytes))), []);
      for (const name of names) {
        const fn = ours.exports.get(name);
        if (!(fn instanceof FunctionInstance)) throw new Error(`no export ${name}`);
        const expected = native[name]!(host);
        expect({ name, value: invoke(fn, [host])[0] }).toEqual({ name, value: expected });
      }
    });
  }
});
