import type { AnyJsonValue, JsonValue } from "./commands.js";

/**
 * Values of the command files and of calls, kept as bit patterns so that comparisons are exact.
 *
 * Arguments are decoded from JSON into `WasmValue`s; results are normalised into the same shape
 * (`lossy` marks floats that went through a JS number, where a JS engine may have set the quiet
 * bit of a signalling f32 NaN); `matchValue` compares an expected JSON value against a result.
 */
export type WasmValue =
  | { readonly type: "i32"; readonly bits: number }
  | { readonly type: "i64"; readonly bits: bigint }
  | { readonly type: "f32"; readonly bits: number; readonly lossy?: boolean }
  | { readonly type: "f64"; readonly bits: bigint; readonly lossy?: boolean }
  | { readonly type: "v128"; readonly bytes: Uint8Array }
  | { readonly type: "externref" | "funcref"; readonly ref: unknown };

export type ValueType = WasmValue["type"];
export const VALUE_TYPES: readonly string[] = ["i32", "i64", "f32", "f64", "v128", "externref", "funcref"];

const scratch = new ArrayBuffer(8);
const f32 = new Float32Array(scratch);
const u32 = new Uint32Array(scratch);
const f64 = new Float64Array(scratch);
const u64 = new BigUint64Array(scratch);

export function f32FromBits(bits: number): number {
  u32[0] = bits;
  return f32[0]!;
}
export function f32Bits(x: number): number {
  f32[0] = x;
  return u32[0]!;
}
export function f64FromBits(bits: bigint): number {
  u64[0] = bits;
  return f64[0]!;
}
export function f64Bits(x: number): bigint {
  f64[0] = x;
  return u64[0]!;
}

/** True for an f32 or f64 NaN: its payload may not survive the JS API (see `bit-exact-call.ts`). */
export function isNaNArg(value: WasmValue): boolean {
  if (value.type === "f32") return isNaN32(value.bits);
  if (value.type === "f64") return isNaN64(value.bits);
  return false;
}

/** One host object per `ref.extern N`, so results can be compared by identity. */
export class ExternRefs {
  readonly #objects = new Map<number, object>();
  get(n: number): object {
    let o = this.#objects.get(n);
    if (!o) {
      o = Object.freeze({ externref: n });
      this.#objects.set(n, o);
    }
    return o;
  }
}

export class UnsupportedValue extends Error {}

/** Decodes an argument. Throws `UnsupportedValue` for values the runner cannot pass. */
export function decodeArg(value: AnyJsonValue, externs: ExternRefs): WasmValue {
  const v = value as JsonValue;
  switch (v.type) {
    case "i32":
      return { type: "i32", bits: Number(BigInt.asUintN(32, BigInt(requireValue(v)))) };
    case "i64":
      return { type: "i64", bits: BigInt.asUintN(64, BigInt(requireValue(v))) };
    case "f32":
      return { type: "f32", bits: Number(BigInt.asUintN(32, BigInt(requireValue(v)))) };
    case "f64":
      return { type: "f64", bits: BigInt.asUintN(64, BigInt(requireValue(v))) };
    case "v128":
      return { type: "v128", bytes: encodeLanes(v.lane_type, v.value ?? []) };
    case "externref": {
      const s = requireValue(v);
      return { type: "externref", ref: s === "null" ? null : externs.get(Number(s)) };
    }
    case "funcref": {
      if (requireValue(v) !== "null") throw new UnsupportedValue("a non-null funcref argument");
      return { type: "funcref", ref: null };
    }
    default:
      throw new UnsupportedValue(`value type ${(value as { type: string }).type}`);
  }
}

function requireValue(v: { value?: string | undefined }): string {
  if (v.value === undefined) throw new Error("argument without a value");
  return v.value;
}

const laneBytes = { i8: 1, i16: 2, i32: 4, i64: 8, f32: 4, f64: 8 } as const;
type LaneType = keyof typeof laneBytes;

function encodeLanes(lane: LaneType, lanes: readonly string[]): Uint8Array {
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  const width = laneBytes[lane];
  if (lanes.length !== 16 / width)
    throw new Error(`v128 ${lane} needs ${16 / width} lanes, got ${lanes.length}`);
  lanes.forEach((s, i) => {
    const n = BigInt(s);
    const at = i * width;
    if (width === 1) view.setUint8(at, Number(BigInt.asUintN(8, n)));
    else if (width === 2) view.setUint16(at, Number(BigInt.asUintN(16, n)), true);
    else if (width === 4) view.setUint32(at, Number(BigInt.asUintN(32, n)), true);
    else view.setBigUint64(at, BigInt.asUintN(64, n), true);
  });
  return bytes;
}

/** An argument as the standard JS API takes it. */
export function toJs(value: WasmValue): unknown {
  switch (value.type) {
    case "i32":
      return value.bits | 0;
    case "i64":
      return BigInt.asIntN(64, value.bits);
    case "f32":
      return f32FromBits(value.bits);
    case "f64":
      return f64FromBits(value.bits);
    case "v128":
      return value.bytes.slice();
    default:
      return value.ref;
  }
}

/**
 * A result from the JS API (or `invokeRaw`) as a `WasmValue` of the expected type. Floats are
 * marked lossy. Returns a string describing the problem when the JS value has the wrong kind.
 */
export function fromJs(type: string, js: unknown): WasmValue | string {
  switch (type) {
    case "i32":
      return typeof js === "number" && Number.isInteger(js)
        ? { type, bits: js >>> 0 }
        : `expected i32, got ${show(js)}`;
    case "i64":
      return typeof js === "bigint"
        ? { type, bits: BigInt.asUintN(64, js) }
        : `expected i64, got ${show(js)}`;
    case "f32":
      return typeof js === "number"
        ? { type, bits: f32Bits(js), lossy: true }
        : `expected f32, got ${show(js)}`;
    case "f64":
      return typeof js === "number"
        ? { type, bits: f64Bits(js), lossy: true }
        : `expected f64, got ${show(js)}`;
    case "v128":
      return js instanceof Uint8Array && js.length === 16
        ? { type, bytes: js }
        : `expected v128 as 16 bytes, got ${show(js)}`;
    case "externref":
    case "funcref":
      return { type, ref: js };
    default:
      return `unsupported result type ${type}`;
  }
}

export type Match =
  | { readonly ok: true; readonly quieted: boolean }
  | { readonly ok: false; readonly message: string };
const OK: Match = { ok: true, quieted: false };
const QUIETED: Match = { ok: true, quieted: true };

/** Compares a result against an expected value (with NaN classes and the quiet-bit allowance). */
export function matchValue(expected: AnyJsonValue, actual: WasmValue, externs: ExternRefs): Match {
  const e = expected as JsonValue;
  if (e.type !== actual.type) return fail(`expected ${e.type}, got ${actual.type}`);
  switch (actual.type) {
    case "i32": {
      const want = Number(BigInt.asUintN(32, BigInt(e.value as string)));
      return want === actual.bits ? OK : fail(`expected i32 ${want | 0}, got ${actual.bits | 0}`);
    }
    case "i64": {
      const want = BigInt.asUintN(64, BigInt(e.value as string));
      return want === actual.bits
        ? OK
        : fail(`expected i64 ${BigInt.asIntN(64, want)}, got ${BigInt.asIntN(64, actual.bits)}`);
    }
    case "f32":
      return matchF32(e.value as string, actual.bits, actual.lossy === true, "f32");
    case "f64":
      return matchF64(e.value as string, actual.bits, actual.lossy === true, "f64");
    case "v128":
      return matchV128(e as Extract<JsonValue, { type: "v128" }>, actual.bytes);
    default: {
      const want = e.value;
      if (want === "null")
        return actual.ref === null ? OK : fail(`expected ref.null, got ${show(actual.ref)}`);
      if (actual.type === "funcref") {
        return typeof actual.ref === "function"
          ? OK
          : fail(`expected a function reference, got ${show(actual.ref)}`);
      }
      if (want === undefined)
        return actual.ref !== null ? OK : fail("expected a non-null reference, got null");
      return actual.ref === externs.get(Number(want))
        ? OK
        : fail(`expected ref.extern ${want}, got ${show(actual.ref)}`);
    }
  }
}

function fail(message: string): Match {
  return { ok: false, message };
}

const F32_QUIET = 0x400000;
/**
 * Whether an expected value is a NaN with an exact payload: such a result must not cross the
 * JS API as a number (the JS engine may quiet or canonicalise it), so it is fetched as bits.
 */
export function expectsExactNaN(e: AnyJsonValue): boolean {
  const value = (e as { value?: unknown }).value;
  if (typeof value !== "string" || !/^\d+$/.test(value)) return false;
  if (e.type === "f32") return isNaN32(Number(value));
  if (e.type === "f64") return isNaN64(BigInt(value));
  return false;
}

function isNaN32(bits: number): boolean {
  return (bits & 0x7f800000) === 0x7f800000 && (bits & 0x7fffff) !== 0;
}
function matchF32(want: string, bits: number, lossy: boolean, what: string): Match {
  if (want === "nan:canonical") {
    return (bits & 0x7fffffff) === 0x7fc00000
      ? OK
      : fail(`expected ${what} nan:canonical, got ${hex32(bits)}`);
  }
  if (want === "nan:arithmetic") {
    return (bits & 0x7fc00000) === 0x7fc00000
      ? OK
      : fail(`expected ${what} nan:arithmetic, got ${hex32(bits)}`);
  }
  const w = Number(BigInt.asUintN(32, BigInt(want)));
  if (w === bits) return OK;
  // The JS engine's f32→f64 conversion sets the quiet bit of a signalling NaN: same payload.
  if (lossy && isNaN32(w) && (w & F32_QUIET) === 0 && bits === (w | F32_QUIET) >>> 0) return QUIETED;
  return fail(`expected ${what} ${hex32(w)}, got ${hex32(bits)}`);
}

const F64_EXP = 0x7ff0000000000000n;
const F64_FRAC = 0x000fffffffffffffn;
const F64_QUIET = 0x0008000000000000n;
const F64_ABS = 0x7fffffffffffffffn;
function isNaN64(bits: bigint): boolean {
  return (bits & F64_EXP) === F64_EXP && (bits & F64_FRAC) !== 0n;
}
function matchF64(want: string, bits: bigint, lossy: boolean, what: string): Match {
  if (want === "nan:canonical") {
    return (bits & F64_ABS) === 0x7ff8000000000000n
      ? OK
      : fail(`expected ${what} nan:canonical, got ${hex64(bits)}`);
  }
  if (want === "nan:arithmetic") {
    return (bits & 0x7ff8000000000000n) === 0x7ff8000000000000n
      ? OK
      : fail(`expected ${what} nan:arithmetic, got ${hex64(bits)}`);
  }
  const w = BigInt.asUintN(64, BigInt(want));
  if (w === bits) return OK;
  if (lossy && isNaN64(w) && (w & F64_QUIET) === 0n && bits === (w | F64_QUIET)) return QUIETED;
  return fail(`expected ${what} ${hex64(w)}, got ${hex64(bits)}`);
}

function matchV128(e: Extract<JsonValue, { type: "v128" }>, bytes: Uint8Array): Match {
  const lanes = e.value ?? [];
  const width = laneBytes[e.lane_type];
  const view = new DataView(bytes.buffer, bytes.byteOffset, 16);
  const problems: string[] = [];
  for (let i = 0; i < lanes.length; i++) {
    const want = lanes[i]!;
    const at = i * width;
    let m: Match;
    switch (e.lane_type) {
      case "f32":
        m = matchF32(want, view.getUint32(at, true), false, `lane ${i}`);
        break;
      case "f64":
        m = matchF64(want, view.getBigUint64(at, true), false, `lane ${i}`);
        break;
      default: {
        const bits = BigInt(8 * width);
        const got =
          width === 1
            ? BigInt(view.getUint8(at))
            : width === 2
              ? BigInt(view.getUint16(at, true))
              : width === 4
                ? BigInt(view.getUint32(at, true))
                : view.getBigUint64(at, true);
        const w = BigInt.asUintN(Number(bits), BigInt(want));
        m = got === w ? OK : fail(`lane ${i}: expected ${w}, got ${got}`);
      }
    }
    if (!m.ok) problems.push(m.message);
  }
  if (problems.length > 0)
    return fail(`v128 ${e.lane_type}x${lanes.length} ${hexBytes(bytes)}: ${problems.join("; ")}`);
  return OK;
}

function hex32(bits: number): string {
  return `0x${(bits >>> 0).toString(16).padStart(8, "0")}`;
}
function hex64(bits: bigint): string {
  return `0x${BigInt.asUintN(64, bits).toString(16).padStart(16, "0")}`;
}
function hexBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A short rendering of any JS value for failure messages. */
export function show(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return `function ${value.name}`;
  if (value instanceof Uint8Array) return `bytes ${hexBytes(value)}`;
  if (typeof value === "object" && value !== null) {
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
  return String(value);
}
