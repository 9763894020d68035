import { describe, expect, it } from "vitest";
import { FunctionInstance, invoke, type ModuleInstance } from "../src/index.js";
import { instantiateWat } from "./load.js";

// The results microwasm chooses where relaxed SIMD allows several (the table in the README),
// on the inputs where the choices differ.

function v128Of(type: "i8" | "i16" | "i32" | "f32" | "f64", lanes: number[]): Uint8Array {
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  const size = { i8: 1, i16: 2, i32: 4, f32: 4, f64: 8 }[type];
  lanes.forEach((x, k) => {
    if (type === "i8") view.setInt8(k, x);
    else if (type === "i16") view.setInt16(k * size, x, true);
    else if (type === "i32") view.setInt32(k * size, x, true);
    else if (type === "f32") view.setFloat32(k * size, x, true);
    else view.setFloat64(k * size, x, true);
  });
  return bytes;
}

function call(instance: ModuleInstance, name: string, ...args: Uint8Array[]): Uint8Array {
  const fn = instance.exports.get(name);
  if (!(fn instanceof FunctionInstance)) throw new Error(`no function ${name}`);
  return invoke(fn, args)[0] as Uint8Array;
}

describe("relaxed SIMD's deterministic choices", async () => {
  const inst = await instantiateWat(
    `(module
      (func (export "swizzle") (param v128 v128) (result v128) (i8x16.relaxed_swizzle (local.get 0) (local.get 1)))
      (func (export "trunc") (param v128) (result v128) (i32x4.relaxed_trunc_f32x4_s (local.get 0)))
      (func (export "madd") (param v128 v128 v128) (result v128)
        (f32x4.relaxed_madd (local.get 0) (local.get 1) (local.get 2)))
      (func (export "laneselect") (param v128 v128 v128) (result v128)
        (i32x4.relaxed_laneselect (local.get 0) (local.get 1) (local.get 2)))
      (func (export "dot") (param v128 v128) (result v128)
        (i16x8.relaxed_dot_i8x16_i7x16_s (local.get 0) (local.get 1))))`,
    [],
    { relaxed_simd: true },
  );

  it("swizzles out-of-range indices to 0 and truncates saturating", () => {
    const a = v128Of("i8", [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    const indices = v128Of("i8", [1, 16, -128, 15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect([...call(inst, "swizzle", a, indices).subarray(0, 4)]).toEqual([11, 0, 0, 25]);
    const t = call(inst, "trunc", v128Of("f32", [Number.NaN, 3e9, -3e9, -1.5]));
    expect(new Int32Array(t.buffer.slice(0))).toEqual(Int32Array.from([0, 2147483647, -2147483648, -1]));
  });

  it("multiplies and adds unfused, selects bitwise, and multiplies signed by signed", () => {
    // (1 + 2^-23)^2 = 1 + 2^-22 + 2^-46: the product rounds to 1 + 2^-22, so minus that is 0;
    // a fused multiply-add would keep 2^-46.
    const x = 1 + 2 ** -23;
    const m = call(
      inst,
      "madd",
      v128Of("f32", [x, 0, 0, 0]),
      v128Of("f32", [x, 0, 0, 0]),
      v128Of("f32", [-(1 + 2 ** -22), 0, 0, 0]),
    );
    expect(new Float32Array(m.buffer.slice(0))[0]).toBe(0);
    const s = call(
      inst,
      "laneselect",
      v128Of("i32", [-1, -1, -1, -1]),
      v128Of("i32", [0, 0, 0, 0]),
      v128Of("i32", [0x0000ffff, 0, -1, 0x80000000 | 0]),
    );
    expect(new Int32Array(s.buffer.slice(0))).toEqual(Int32Array.from([0x0000ffff, 0, -1, 0x80000000 | 0]));
    const d = call(
      inst,
      "dot",
      v128Of("i8", [-128, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
      v128Of("i8", [-127, -127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
    );
    expect(new Int16Array(d.buffer.slice(0))[0]).toBe(32512);
  });
});
