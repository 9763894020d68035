import { RuntimeError } from "@microwasm/core";
import { describe, expect, it } from "vitest";
import {
  type FunctionInstance,
  invoke,
  type MemoryInstance,
  type ModuleInstance,
  type Value,
} from "../src/index.js";
import { instantiateWat } from "./load.js";

/**
 * SIMD semantics that are easy to get wrong, one family at a time, with expected values worked
 * out from the spec's definitions. (simd-differential.test.ts compares every op with node's
 * engine on many inputs; the spec suite runs through test/spec.)
 */

// ---- vectors as the interpreter's boundary sees them: 16-byte Uint8Arrays ----

function bytesOf(array: ArrayBufferView): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, 16);
}
const i8x16 = (...lanes: number[]) => bytesOf(Int8Array.from(lanes));
const u8x16 = (...lanes: number[]) => bytesOf(Uint8Array.from(lanes));
const i16x8 = (...lanes: number[]) => bytesOf(Int16Array.from(lanes));
const i32x4 = (...lanes: number[]) => bytesOf(Int32Array.from(lanes));
const i64x2 = (...lanes: bigint[]) => bytesOf(BigInt64Array.from(lanes));
const f32x4 = (...lanes: number[]) => bytesOf(Float32Array.from(lanes));
const f64x2 = (...lanes: number[]) => bytesOf(Float64Array.from(lanes));
/** f32 lanes given as bit patterns (for NaNs with payloads). */
const f32bits = (...lanes: number[]) => bytesOf(Uint32Array.from(lanes));

const asI8 = (v: Value) => [...new Int8Array((v as Uint8Array).slice().buffer)];
const asU8 = (v: Value) => [...new Uint8Array((v as Uint8Array).slice().buffer)];
const asI16 = (v: Value) => [...new Int16Array((v as Uint8Array).slice().buffer)];
const asU16 = (v: Value) => [...new Uint16Array((v as Uint8Array).slice().buffer)];
const asI32 = (v: Value) => [...new Int32Array((v as Uint8Array).slice().buffer)];
const asU32 = (v: Value) => [...new Uint32Array((v as Uint8Array).slice().buffer)];
const asI64 = (v: Value) => [...new BigInt64Array((v as Uint8Array).slice().buffer)];
const asU64 = (v: Value) => [...new BigUint64Array((v as Uint8Array).slice().buffer)];
const asF32 = (v: Value) => [...new Float32Array((v as Uint8Array).slice().buffer)];
const asF64 = (v: Value) => [...new Float64Array((v as Uint8Array).slice().buffer)];

const F32_QUIET = 0x00400000;
const isQuietNaN32 = (bits: number) => (bits & 0x7f800000) === 0x7f800000 && (bits & F32_QUIET) !== 0;

/** Instantiates one function per op of the given signature: `(func (export op) ...)`. */
async function opsModule(ops: readonly string[], params: string, result: string): Promise<ModuleInstance> {
  const args = params
    .split(" ")
    .filter((p) => p)
    .map((_, i) => `(local.get ${i})`)
    .join(" ");
  const funcs = ops.map(
    (op) => `(func (export "${op}") (param ${params}) (result ${result}) (${op} ${args}))`,
  );
  return instantiateWat(`(module ${funcs.join("\n")})`);
}
function call(instance: ModuleInstance, name: string, ...args: Value[]): Value {
  return invoke(instance.exports.get(name) as FunctionInstance, args)[0]!;
}

describe("SIMD integer lanes", () => {
  it("saturates add and sub at each shape's bounds", async () => {
    const m = await opsModule(
      [
        "i8x16.add_sat_s",
        "i8x16.add_sat_u",
        "i8x16.sub_sat_s",
        "i8x16.sub_sat_u",
        "i16x8.add_sat_s",
        "i16x8.add_sat_u",
        "i16x8.sub_sat_s",
        "i16x8.sub_sat_u",
        "i8x16.add",
      ],
      "v128 v128",
      "v128",
    );
    const a8 = i8x16(127, -128, 100, -100, 0, 1, -1, 5, 0, 0, 0, 0, 0, 0, 0, 0);
    const b8 = i8x16(1, -1, 100, -100, -128, 127, 1, -5, 0, 0, 0, 0, 0, 0, 0, 0);
    expect(asI8(call(m, "i8x16.add_sat_s", a8, b8)).slice(0, 8)).toEqual([
      127, -128, 127, -128, -128, 127, 0, 0,
    ]);
    expect(asI8(call(m, "i8x16.add", a8, b8)).slice(0, 8)).toEqual([-128, 127, -56, 56, -128, -128, 0, 0]);
    expect(asI8(call(m, "i8x16.sub_sat_s", a8, b8)).slice(0, 8)).toEqual([
      126, -127, 0, 0, 127, -126, -2, 10,
    ]);
    const a8u = u8x16(255, 250, 0, 1, 200, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    const b8u = u8x16(1, 10, 1, 1, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    expect(asU8(call(m, "i8x16.add_sat_u", a8u, b8u)).slice(0, 5)).toEqual([255, 255, 1, 2, 255]);
    expect(asU8(call(m, "i8x16.sub_sat_u", a8u, b8u)).slice(0, 5)).toEqual([254, 240, 0, 0, 100]);
    const a16 = i16x8(32767, -32768, -32768, 1, 0, 0, 0, 0);
    const b16 = i16x8(1, -1, 1, -32768, 0, 0, 0, 0);
    expect(asI16(call(m, "i16x8.add_sat_s", a16, b16)).slice(0, 4)).toEqual([32767, -32768, -32767, -32767]);
    expect(asI16(call(m, "i16x8.sub_sat_s", a16, b16)).slice(0, 4)).toEqual([32766, -32767, -32768, 32767]);
    const a16u = i16x8(-1, 1, 0, 0, 0, 0, 0, 0);
    const b16u = i16x8(2, 2, 0, 0, 0, 0, 0, 0);
    expect(asU16(call(m, "i16x8.add_sat_u", a16u, b16u)).slice(0, 2)).toEqual([65535, 3]);
    expect(asU16(call(m, "i16x8.sub_sat_u", a16u, b16u)).slice(0, 2)).toEqual([65533, 0]);
  });

  it("narrows with signed and unsigned saturation, a's lanes first", async () => {
    const m = await opsModule(
      ["i8x16.narrow_i16x8_s", "i8x16.narrow_i16x8_u", "i16x8.narrow_i32x4_s", "i16x8.narrow_i32x4_u"],
      "v128 v128",
      "v128",
    );
    const a = i16x8(300, -300, 127, -128, 255, 256, -1, 0);
    const b = i16x8(1, 2, 3, 4, 5, 6, 7, 8);
    expect(asI8(call(m, "i8x16.narrow_i16x8_s", a, b))).toEqual([
      127, -128, 127, -128, 127, 127, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8,
    ]);
    expect(asU8(call(m, "i8x16.narrow_i16x8_u", a, b))).toEqual([
      255, 0, 127, 0, 255, 255, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8,
    ]);
    const c = i32x4(70000, -70000, -5, 65535);
    expect(asI16(call(m, "i16x8.narrow_i32x4_s", c, c))).toEqual([
      32767, -32768, -5, 32767, 32767, -32768, -5, 32767,
    ]);
    expect(asU16(call(m, "i16x8.narrow_i32x4_u", c, c))).toEqual([65535, 0, 0, 65535, 65535, 0, 0, 65535]);
  });

  it("rounds and saturates q15mulr_sat_s", async () => {
    const m = await opsModule(["i16x8.q15mulr_sat_s"], "v128 v128", "v128");
    const a = i16x8(-32768, 16384, 1, -1, 32767, -32768, 3, -3);
    const b = i16x8(-32768, 16384, 16384, 16384, 32767, 32767, 16384, 16384);
    // (a * b + 2^14) >> 15, with the one overflow (-32768 * -32768) saturated
    expect(asI16(call(m, "i16x8.q15mulr_sat_s", a, b))).toEqual([32767, 8192, 1, 0, 32766, -32767, 2, -1]);
  });

  it("widens: extend, extmul, extadd_pairwise and dot", async () => {
    const m = await opsModule(
      [
        "i16x8.extend_high_i8x16_s",
        "i16x8.extend_low_i8x16_u",
        "i32x4.extend_high_i16x8_u",
        "i64x2.extend_low_i32x4_s",
        "i16x8.extadd_pairwise_i8x16_s",
        "i16x8.extadd_pairwise_i8x16_u",
        "i32x4.extadd_pairwise_i16x8_u",
      ],
      "v128",
      "v128",
    );
    const bytes = i8x16(-1, -128, 127, 1, 2, 3, 4, 5, -6, 7, -8, 9, -10, 11, -12, 13);
    expect(asI16(call(m, "i16x8.extend_high_i8x16_s", bytes))).toEqual([-6, 7, -8, 9, -10, 11, -12, 13]);
    expect(asI16(call(m, "i16x8.extend_low_i8x16_u", bytes))).toEqual([255, 128, 127, 1, 2, 3, 4, 5]);
    expect(asI32(call(m, "i32x4.extend_high_i16x8_u", i16x8(0, 0, 0, 0, -1, 2, -32768, 4)))).toEqual([
      65535, 2, 32768, 4,
    ]);
    expect(asI64(call(m, "i64x2.extend_low_i32x4_s", i32x4(-2, 7, 0, 0)))).toEqual([-2n, 7n]);
    expect(asI16(call(m, "i16x8.extadd_pairwise_i8x16_s", bytes))).toEqual([-129, 128, 5, 9, 1, 1, 1, 1]);
    expect(
      asI16(
        call(m, "i16x8.extadd_pairwise_i8x16_u", u8x16(255, 255, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
      ),
    ).toEqual([510, 1, 0, 0, 0, 0, 0, 0]);
    expect(asI32(call(m, "i32x4.extadd_pairwise_i16x8_u", i16x8(-1, -1, 1, 2, 0, 0, 0, 0)))).toEqual([
      131070, 3, 0, 0,
    ]);

    const two = await opsModule(
      [
        "i32x4.dot_i16x8_s",
        "i64x2.extmul_high_i32x4_u",
        "i64x2.extmul_low_i32x4_s",
        "i32x4.extmul_low_i16x8_u",
      ],
      "v128 v128",
      "v128",
    );
    const min = i16x8(-32768, -32768, 1, 2, 3, 4, -5, 6);
    // (-32768)^2 * 2 = 2^31 wraps to -2^31
    expect(asI32(call(two, "i32x4.dot_i16x8_s", min, min))).toEqual([-2147483648, 5, 25, 61]);
    expect(asU64(call(two, "i64x2.extmul_high_i32x4_u", i32x4(0, 0, -1, 2), i32x4(0, 0, -1, 3)))).toEqual([
      0xfffffffe00000001n,
      6n,
    ]);
    expect(
      asI64(call(two, "i64x2.extmul_low_i32x4_s", i32x4(-2147483648, -3, 0, 0), i32x4(-2147483648, 5, 0, 0))),
    ).toEqual([4611686018427387904n, -15n]);
    expect(
      asU32(
        call(two, "i32x4.extmul_low_i16x8_u", i16x8(-1, 2, 0, 0, 0, 0, 0, 0), i16x8(-1, 3, 0, 0, 0, 0, 0, 0)),
      ),
    ).toEqual([4294836225, 6, 0, 0]);
  });

  it("computes abs, neg, popcnt, avgr_u and unsigned min/max", async () => {
    const m = await opsModule(
      ["i8x16.abs", "i8x16.popcnt", "i64x2.abs", "i64x2.neg", "i32x4.abs"],
      "v128",
      "v128",
    );
    expect(
      asI8(call(m, "i8x16.abs", i8x16(-128, -1, 1, 0, 127, -127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))).slice(0, 6),
    ).toEqual([-128, 1, 1, 0, 127, 127]);
    expect(
      asU8(call(m, "i8x16.popcnt", u8x16(0, 1, 3, 255, 0x80, 0x55, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0))).slice(
        0,
        7,
      ),
    ).toEqual([0, 1, 2, 8, 1, 4, 3]);
    expect(asI64(call(m, "i64x2.abs", i64x2(-(2n ** 63n), -(2n ** 32n))))).toEqual([-(2n ** 63n), 2n ** 32n]);
    expect(asI64(call(m, "i64x2.neg", i64x2(1n, -(2n ** 32n))))).toEqual([-1n, 2n ** 32n]);
    expect(asI32(call(m, "i32x4.abs", i32x4(-2147483648, -7, 7, 0)))).toEqual([-2147483648, 7, 7, 0]);

    const two = await opsModule(
      ["i8x16.avgr_u", "i16x8.avgr_u", "i32x4.min_u", "i32x4.max_s"],
      "v128 v128",
      "v128",
    );
    expect(
      asU8(
        call(
          two,
          "i8x16.avgr_u",
          u8x16(255, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
          u8x16(255, 1, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
        ),
      ).slice(0, 4),
    ).toEqual([255, 1, 2, 2]);
    expect(
      asU16(call(two, "i16x8.avgr_u", i16x8(-1, 0, 0, 0, 0, 0, 0, 0), i16x8(-2, 0, 0, 0, 0, 0, 0, 0))).slice(
        0,
        1,
      ),
    ).toEqual([65535]);
    expect(asI32(call(two, "i32x4.min_u", i32x4(-1, 5, -2, 0), i32x4(1, 6, -3, 0)))).toEqual([1, 5, -3, 0]);
    expect(asI32(call(two, "i32x4.max_s", i32x4(-1, 5, -2, 0), i32x4(1, 6, -3, 0)))).toEqual([1, 6, -2, 0]);
  });

  it("takes shift counts modulo the lane width", async () => {
    const m = await opsModule(
      [
        "i8x16.shl",
        "i8x16.shr_s",
        "i8x16.shr_u",
        "i16x8.shr_s",
        "i32x4.shr_u",
        "i64x2.shl",
        "i64x2.shr_s",
        "i64x2.shr_u",
      ],
      "v128 i32",
      "v128",
    );
    const bytes = i8x16(-128, 1, 0x41, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    expect(asI8(call(m, "i8x16.shl", bytes, 9)).slice(0, 4)).toEqual([0, 2, -126, -2]);
    expect(asI8(call(m, "i8x16.shr_s", bytes, 15)).slice(0, 4)).toEqual([-1, 0, 0, -1]);
    expect(asU8(call(m, "i8x16.shr_u", bytes, -1)).slice(0, 4)).toEqual([1, 0, 0, 1]);
    expect(asI16(call(m, "i16x8.shr_s", i16x8(-32768, 0, 0, 0, 0, 0, 0, 0), 17)).slice(0, 1)).toEqual([
      -16384,
    ]);
    expect(asU32(call(m, "i32x4.shr_u", i32x4(-1, 8, 0, 0), 35)).slice(0, 2)).toEqual([0x1fffffff, 1]);
    const wide = i64x2(-(2n ** 63n), 0x123456789n);
    expect(asI64(call(m, "i64x2.shl", wide, 68))).toEqual([0n, 0x1234567890n]);
    expect(asI64(call(m, "i64x2.shr_s", wide, 32))).toEqual([-(2n ** 31n), 1n]);
    expect(asU64(call(m, "i64x2.shr_u", wide, 127))).toEqual([1n, 0n]);
    expect(asI64(call(m, "i64x2.shr_s", wide, 64))).toEqual([-(2n ** 63n), 0x123456789n]);
  });

  it("reduces with all_true, bitmask and any_true", async () => {
    const m = await opsModule(
      [
        "i8x16.all_true",
        "i8x16.bitmask",
        "i16x8.bitmask",
        "i32x4.all_true",
        "i32x4.bitmask",
        "i64x2.all_true",
        "i64x2.bitmask",
        "v128.any_true",
      ],
      "v128",
      "i32",
    );
    const bytes = i8x16(-1, 1, -128, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, -3);
    expect(call(m, "i8x16.all_true", bytes)).toBe(1);
    expect(call(m, "i8x16.bitmask", bytes)).toBe(0x8005);
    expect(call(m, "i16x8.bitmask", i16x8(-1, 1, -32768, 0, 0, 0, 0, -2))).toBe(0x85);
    expect(call(m, "i32x4.all_true", i32x4(1, 2, 0, 4))).toBe(0);
    expect(call(m, "i32x4.bitmask", i32x4(-1, 2, -2147483648, 4))).toBe(5);
    expect(call(m, "i64x2.all_true", i64x2(2n ** 32n, 1n))).toBe(1);
    expect(call(m, "i64x2.bitmask", i64x2(-1n, 2n ** 62n))).toBe(1);
    expect(call(m, "v128.any_true", i64x2(0n, 2n ** 63n))).toBe(1);
    expect(call(m, "v128.any_true", i64x2(0n, 0n))).toBe(0);
  });
});

describe("SIMD float lanes", () => {
  it("follows wasm's min/max NaN and signed-zero rules", async () => {
    const m = await opsModule(["f32x4.min", "f32x4.max", "f64x2.min", "f64x2.max"], "v128 v128", "v128");
    const a = f32bits(0x80000000, 0x00000000, 0x7fa00000, 0x3f800000);
    const b = f32bits(0x00000000, 0x80000000, 0x3f800000, 0xffc00000);
    const min = asU32(call(m, "f32x4.min", a, b));
    expect(min.slice(0, 2)).toEqual([0x80000000, 0x80000000]); // min(-0, +0) = -0 either way
    expect(isQuietNaN32(min[2]!) && isQuietNaN32(min[3]!)).toBe(true);
    const max = asU32(call(m, "f32x4.max", a, b));
    expect(max.slice(0, 2)).toEqual([0, 0]);
    expect(isQuietNaN32(max[2]!) && isQuietNaN32(max[3]!)).toBe(true);
    expect(Object.is(asF64(call(m, "f64x2.min", f64x2(0, -0), f64x2(-0, 0)))[0], -0)).toBe(true);
    expect(asF64(call(m, "f64x2.max", f64x2(Number.NaN, -Infinity), f64x2(1, -0)))).toEqual([Number.NaN, -0]);
  });

  it("keeps pmin/pmax operands bit for bit, NaNs included", async () => {
    const m = await opsModule(["f32x4.pmin", "f32x4.pmax", "f64x2.pmin"], "v128 v128", "v128");
    const a = f32bits(0x7fa00001, 0x3f800000, 0x80000000, 0x00000000);
    const b = f32bits(0x3f800000, 0xffb00002, 0x00000000, 0x80000000);
    // pmin = b < a ? b : a; pmax = a < b ? b : a: a NaN compares false, so `a` is chosen
    expect(asU32(call(m, "f32x4.pmin", a, b))).toEqual([0x7fa00001, 0x3f800000, 0x80000000, 0x00000000]);
    expect(asU32(call(m, "f32x4.pmax", a, b))).toEqual([0x7fa00001, 0x3f800000, 0x80000000, 0x00000000]);
    expect(asU32(call(m, "f32x4.pmin", b, a))).toEqual([0x3f800000, 0xffb00002, 0x00000000, 0x80000000]);
    expect(asF64(call(m, "f64x2.pmin", f64x2(2, -0), f64x2(1, 0)))).toEqual([1, -0]);
  });

  it("rounds each f32 lane once, and rounds to nearest-even", async () => {
    const two = await opsModule(["f32x4.add", "f32x4.mul", "f32x4.div", "f64x2.add"], "v128 v128", "v128");
    expect(asF32(call(two, "f32x4.add", f32x4(16777216, 1e30, 0.1, -0), f32x4(1, 1, 0.2, 0)))).toEqual([
      16777216,
      Math.fround(1e30),
      Math.fround(Math.fround(0.1) + Math.fround(0.2)),
      0,
    ]);
    expect(asF32(call(two, "f32x4.div", f32x4(1, 1, -1, 0), f32x4(3, 0, 0, 0))).slice(0, 3)).toEqual([
      Math.fround(1 / 3),
      Infinity,
      -Infinity,
    ]);
    const one = Math.fround(1 + 2 ** -23);
    expect(asF32(call(two, "f32x4.mul", f32x4(one, 3.4e38, 1e-30, 1), f32x4(one, 10, 1e-30, 1)))).toEqual([
      Math.fround(one * one),
      Infinity,
      0,
      1,
    ]);
    const unary = await opsModule(
      ["f32x4.nearest", "f64x2.nearest", "f32x4.ceil", "f32x4.trunc", "f64x2.floor", "f32x4.sqrt"],
      "v128",
      "v128",
    );
    expect(asF32(call(unary, "f32x4.nearest", f32x4(0.5, 1.5, 2.5, -2.5)))).toEqual([0, 2, 2, -2]);
    expect(Object.is(asF32(call(unary, "f32x4.nearest", f32x4(-0.5, 0, 0, 0)))[0], -0)).toBe(true);
    expect(asF64(call(unary, "f64x2.nearest", f64x2(4503599627370497, -3.5)))).toEqual([
      4503599627370497, -4,
    ]);
    expect(Object.is(asF32(call(unary, "f32x4.ceil", f32x4(-0.5, 0, 0, 0)))[0], -0)).toBe(true);
    expect(asF32(call(unary, "f32x4.trunc", f32x4(-1.9, 1.9, 8388607.5, -0)))).toEqual([-1, 1, 8388607, -0]);
    expect(asF64(call(unary, "f64x2.floor", f64x2(-0.1, 2 ** 53)))).toEqual([-1, 2 ** 53]);
    expect(asF32(call(unary, "f32x4.sqrt", f32x4(2, -1, 0, Infinity)))).toEqual([
      Math.fround(Math.SQRT2),
      Number.NaN,
      0,
      Infinity,
    ]);
  });

  it("quiets NaNs in arithmetic but moves bits in abs, neg and lane moves", async () => {
    const m = await opsModule(
      ["f32x4.ceil", "f32x4.sqrt", "f32x4.abs", "f32x4.neg", "f64x2.neg"],
      "v128",
      "v128",
    );
    const sNaN = f32bits(0x7fa00000, 0xff800001, 0x7fc00000, 0x00000001);
    const ceil = asU32(call(m, "f32x4.ceil", sNaN));
    expect(ceil.slice(0, 3).every(isQuietNaN32)).toBe(true);
    expect(
      asU32(call(m, "f32x4.sqrt", sNaN))
        .slice(0, 3)
        .every(isQuietNaN32),
    ).toBe(true);
    expect(asU32(call(m, "f32x4.abs", sNaN))).toEqual([0x7fa00000, 0x7f800001, 0x7fc00000, 0x00000001]);
    expect(asU32(call(m, "f32x4.neg", sNaN))).toEqual([0xffa00000, 0x7f800001, 0xffc00000, 0x80000001]);
    const neg = asU32(call(m, "f64x2.neg", bytesOf(Uint32Array.from([1, 0x7ff00000, 0, 0]))));
    expect(neg).toEqual([1, 0xfff00000, 0, 0x80000000]);
    const lanes = await instantiateWat(`(module
      (func (export "splat") (param f32) (result v128) (f32x4.splat (local.get 0)))
      (func (export "extract") (param v128) (result i32) (i32.reinterpret_f32 (f32x4.extract_lane 2 (local.get 0))))
      (func (export "replace") (param i32) (result v128)
        (f64x2.replace_lane 1 (v128.const i64x2 0 0) (f64.reinterpret_i64 (i64.extend_i32_u (local.get 0))))))`);
    expect(call(lanes, "extract", sNaN)).toBe(0x7fc00000 | 0);
    expect(call(lanes, "extract", f32bits(0, 0, 0x7f800001, 0))).toBe(0x7f800001);
    expect(asU32(call(lanes, "replace", 5))).toEqual([0, 0, 5, 0]);
  });

  it("converts between floats and integers with saturation and correct rounding", async () => {
    const m = await opsModule(
      [
        "i32x4.trunc_sat_f32x4_s",
        "i32x4.trunc_sat_f32x4_u",
        "i32x4.trunc_sat_f64x2_s_zero",
        "i32x4.trunc_sat_f64x2_u_zero",
        "f32x4.convert_i32x4_s",
        "f32x4.convert_i32x4_u",
        "f64x2.convert_low_i32x4_u",
        "f32x4.demote_f64x2_zero",
        "f64x2.promote_low_f32x4",
      ],
      "v128",
      "v128",
    );
    const floats = f32x4(Number.NaN, Infinity, -2.7, 2147483648);
    expect(asI32(call(m, "i32x4.trunc_sat_f32x4_s", floats))).toEqual([0, 2147483647, -2, 2147483647]);
    expect(asU32(call(m, "i32x4.trunc_sat_f32x4_u", f32x4(-1.5, 4294967296, 3.9, -0)))).toEqual([
      0, 4294967295, 3, 0,
    ]);
    expect(asI32(call(m, "i32x4.trunc_sat_f64x2_s_zero", f64x2(-2147483649, 1e10)))).toEqual([
      -2147483648, 2147483647, 0, 0,
    ]);
    expect(asU32(call(m, "i32x4.trunc_sat_f64x2_u_zero", f64x2(4294967295.9, Number.NaN)))).toEqual([
      4294967295, 0, 0, 0,
    ]);
    // 16777217 is halfway between two f32s: ties to even
    expect(asF32(call(m, "f32x4.convert_i32x4_s", i32x4(16777217, -16777219, 2147483647, -1)))).toEqual([
      16777216, -16777220, 2147483648, -1,
    ]);
    expect(asF32(call(m, "f32x4.convert_i32x4_u", i32x4(-1, 16777217, 0, 1)))).toEqual([
      4294967296, 16777216, 0, 1,
    ]);
    expect(asF64(call(m, "f64x2.convert_low_i32x4_u", i32x4(-1, 7, 99, 99)))).toEqual([4294967295, 7]);
    // 1 + 2^-24 is halfway between 1 and the next f32: ties to even
    expect(asF32(call(m, "f32x4.demote_f64x2_zero", f64x2(1 + 2 ** -24, 1e300)))).toEqual([
      1,
      Infinity,
      0,
      0,
    ]);
    expect(asF32(call(m, "f32x4.demote_f64x2_zero", f64x2(1 + 2 ** -24 + 2 ** -52, -1e-50)))).toEqual([
      1 + 2 ** -23,
      -0,
      0,
      0,
    ]);
    expect(asF64(call(m, "f64x2.promote_low_f32x4", f32x4(0.1, -0, 5, 5)))).toEqual([Math.fround(0.1), -0]);
  });

  it("compares lanes to all-ones or all-zeros masks, NaN unordered", async () => {
    const m = await opsModule(
      ["f32x4.eq", "f32x4.ne", "f64x2.lt", "i64x2.lt_s", "i8x16.gt_u"],
      "v128 v128",
      "v128",
    );
    expect(asI32(call(m, "f32x4.eq", f32x4(Number.NaN, 0, 1, 2), f32x4(Number.NaN, -0, 1, 3)))).toEqual([
      0, -1, -1, 0,
    ]);
    expect(asI32(call(m, "f32x4.ne", f32x4(Number.NaN, 0, 1, 2), f32x4(Number.NaN, -0, 1, 3)))).toEqual([
      -1, 0, 0, -1,
    ]);
    expect(asI64(call(m, "f64x2.lt", f64x2(-0, 1), f64x2(0, Number.NaN)))).toEqual([0n, 0n]);
    expect(asI64(call(m, "i64x2.lt_s", i64x2(-1n, 2n ** 32n), i64x2(0n, 1n)))).toEqual([-1n, 0n]);
    expect(
      asI8(
        call(m, "i8x16.gt_u", i8x16(-1, 1, ...new Array(14).fill(0)), i8x16(1, -1, ...new Array(14).fill(0))),
      ).slice(0, 2),
    ).toEqual([-1, 0]);
  });
});

describe("SIMD lanes, shuffles and memory", () => {
  it("shuffles across both operands and swizzles out-of-range indices to zero", async () => {
    const m = await instantiateWat(`(module
      (func (export "shuffle") (param v128 v128) (result v128)
        (i8x16.shuffle 31 0 16 15 1 17 2 18 30 29 28 27 3 3 3 3 (local.get 0) (local.get 1)))
      (func (export "swizzle") (param v128 v128) (result v128) (i8x16.swizzle (local.get 0) (local.get 1)))
      (func (export "inPlace") (param v128 v128) (result v128)
        (local.set 1 (i8x16.shuffle 16 17 18 19 20 21 22 23 0 1 2 3 4 5 6 7 (local.get 0) (local.get 1)))
        (local.get 1)))`);
    const a = u8x16(...Array.from({ length: 16 }, (_, i) => i));
    const b = u8x16(...Array.from({ length: 16 }, (_, i) => 100 + i));
    expect(asU8(call(m, "shuffle", a, b))).toEqual([
      115, 0, 100, 15, 1, 101, 2, 102, 114, 113, 112, 111, 3, 3, 3, 3,
    ]);
    expect(
      asU8(call(m, "swizzle", b, u8x16(15, 16, 255, 0, 128, 1, 17, 2, 0, 0, 0, 0, 0, 0, 0, 14))),
    ).toEqual([115, 0, 0, 100, 0, 101, 0, 102, 100, 100, 100, 100, 100, 100, 100, 114]);
    expect(asU8(call(m, "inPlace", a, b))).toEqual([
      100, 101, 102, 103, 104, 105, 106, 107, 0, 1, 2, 3, 4, 5, 6, 7,
    ]);
  });

  it("loads with extension, splat, zero fill and single lanes, and stores lanes", async () => {
    const m = await instantiateWat(`(module (memory (export "mem") 1)
      (func (export "load8x8_s") (param i32) (result v128) (v128.load8x8_s offset=1 (local.get 0)))
      (func (export "load32x2_u") (param i32) (result v128) (v128.load32x2_u (local.get 0)))
      (func (export "load16_splat") (param i32) (result v128) (v128.load16_splat (local.get 0)))
      (func (export "load64_splat") (param i32) (result v128) (v128.load64_splat (local.get 0)))
      (func (export "load32_zero") (param i32) (result v128) (v128.load32_zero (local.get 0)))
      (func (export "load16_lane") (param i32 v128) (result v128) (v128.load16_lane 3 (local.get 0) (local.get 1)))
      (func (export "store8_lane") (param i32 v128) (v128.store8_lane offset=2 15 (local.get 0) (local.get 1)))
      (func (export "store") (param i32 v128) (v128.store (local.get 0) (local.get 1))))`);
    const memory = m.exports.get("mem") as MemoryInstance;
    memory.u8.set([0x01, 0x80, 0xff, 0x7f, 0x02, 0xfe, 0x00, 0x81, 0x10, 0x20, 0x30, 0x40]);
    expect(asI16(call(m, "load8x8_s", 0))).toEqual([-128, -1, 127, 2, -2, 0, -127, 16]);
    expect(asU64(call(m, "load32x2_u", 0))).toEqual([0x7fff8001n, 0x8100fe02n]);
    expect(asU16(call(m, "load16_splat", 1))).toEqual(new Array(8).fill(0xff80));
    expect(asU64(call(m, "load64_splat", 4))).toEqual([0x403020108100fe02n, 0x403020108100fe02n]);
    expect(asU32(call(m, "load32_zero", 8))).toEqual([0x40302010, 0, 0, 0]);
    expect(asU16(call(m, "load16_lane", 2, i16x8(1, 2, 3, 4, 5, 6, 7, 8)))).toEqual([
      1, 2, 3, 0x7fff, 5, 6, 7, 8,
    ]);
    call(m, "store8_lane", 100, u8x16(...new Array(15).fill(0), 0xab));
    expect([...memory.u8.subarray(101, 104)]).toEqual([0, 0xab, 0]);
    call(m, "store", 200, i32x4(1, 2, 3, -1));
    expect([...new Int32Array(memory.buffer.slice(200, 216))]).toEqual([1, 2, 3, -1]);
  });

  it("traps on accesses that do not fit in memory, before writing anything", async () => {
    const m = await instantiateWat(`(module (memory (export "mem") 1)
      (func (export "load") (param i32) (result v128) (v128.load (local.get 0)))
      (func (export "load64_lane") (param i32) (result v128) (v128.load64_lane 1 (local.get 0) (v128.const i64x2 0 0)))
      (func (export "store") (param i32) (v128.store offset=4 (local.get 0) (v128.const i32x4 -1 -1 -1 -1)))
      (func (export "store32_lane") (param i32) (v128.store32_lane 0 (local.get 0) (v128.const i32x4 -1 -1 -1 -1))))`);
    const memory = m.exports.get("mem") as MemoryInstance;
    expect(asU8(call(m, "load", 65536 - 16))).toEqual(new Array(16).fill(0));
    const traps = (run: () => unknown) => {
      try {
        run();
      } catch (e) {
        return e instanceof RuntimeError ? e.message : String(e);
      }
      return "no trap";
    };
    expect(traps(() => call(m, "load", 65536 - 15))).toBe("out of bounds memory access");
    expect(traps(() => call(m, "load", -1))).toBe("out of bounds memory access");
    expect(traps(() => call(m, "load64_lane", 65536 - 7))).toBe("out of bounds memory access");
    expect(traps(() => call(m, "store", 65536 - 19))).toBe("out of bounds memory access");
    expect(traps(() => call(m, "store32_lane", 65536 - 3))).toBe("out of bounds memory access");
    expect(memory.u8.subarray(65536 - 32).every((b) => b === 0)).toBe(true);
    call(m, "store32_lane", 65536 - 4);
    expect([...memory.u8.subarray(65536 - 5)]).toEqual([0, 255, 255, 255, 255]);
  });

  it("keeps v128 locals, globals, select and block results intact", async () => {
    const m = await instantiateWat(`(module
      (global $g (mut v128) (v128.const i32x4 1 2 3 4))
      (func (export "f") (param i32) (result v128) (local v128)
        (local.set 1 (global.get $g))
        (global.set $g (i32x4.add (local.get 1) (local.get 1)))
        (block (result v128)
          (select (global.get $g) (local.get 1) (local.get 0)))))`);
    expect(asI32(call(m, "f", 1))).toEqual([2, 4, 6, 8]);
    expect(asI32(call(m, "f", 0))).toEqual([2, 4, 6, 8]);
    expect(asI32(call(m, "f", 1))).toEqual([8, 16, 24, 32]);
  });
});
