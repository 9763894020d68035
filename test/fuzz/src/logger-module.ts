/**
 * The `fuzzing-support` imports of binaryen's generated modules (`log-i32`, `log-i64`,
 * `log-f32`, `log-f64`, `log-v128`), as a tiny wasm module instantiated on the same engine as the
 * module under test. A JS import would see floats as JS numbers (V8 may quiet or canonicalise a
 * NaN on the way) and cannot take a v128 at all; this module reinterprets floats as integers and
 * splits a v128 into two i64 lanes before anything reaches JS, so every logged value arrives
 * with its exact bits.
 *
 * Its own imports (module "host"): i32(i32), i64(i64), f32bits(i32), f64bits(i64),
 * v128bits(i64 low, i64 high).
 */

const I32 = 0x7f;
const I64 = 0x7e;
const F32 = 0x7d;
const F64 = 0x7c;
const V128 = 0x7b;

const CALL = 0x10;
const LOCAL_GET = 0x20;
const I32_REINTERPRET_F32 = 0xbc;
const I64_REINTERPRET_F64 = 0xbd;
const SIMD_PREFIX = 0xfd;
const I64X2_EXTRACT_LANE = 0x1d;
const END = 0x0b;

export const LOGGER_IMPORTS = ["i32", "i64", "f32bits", "f64bits", "v128bits"] as const;

/** The exports, each with its parameter type and body (calls use the host import indices above). */
const loggers: readonly { name: string; param: number; body: number[] }[] = [
  { name: "log-i32", param: I32, body: [LOCAL_GET, 0, CALL, 0] },
  { name: "log-i64", param: I64, body: [LOCAL_GET, 0, CALL, 1] },
  { name: "log-f32", param: F32, body: [LOCAL_GET, 0, I32_REINTERPRET_F32, CALL, 2] },
  { name: "log-f64", param: F64, body: [LOCAL_GET, 0, I64_REINTERPRET_F64, CALL, 3] },
  {
    name: "log-v128",
    param: V128,
    body: [
      ...[LOCAL_GET, 0, SIMD_PREFIX, I64X2_EXTRACT_LANE, 0],
      ...[LOCAL_GET, 0, SIMD_PREFIX, I64X2_EXTRACT_LANE, 1],
      ...[CALL, 4],
    ],
  },
];

export const LOGGER_EXPORTS: readonly string[] = loggers.map((l) => l.name);

function vec(items: readonly number[][]): number[] {
  return [items.length, ...items.flat()];
}
function name(text: string): number[] {
  return [text.length, ...Array.from(text, (c) => c.charCodeAt(0))];
}
function section(id: number, content: number[]): number[] {
  if (content.length > 127) throw new Error("logger module section too long for a one-byte size");
  return [id, content.length, ...content];
}
const funcType = (params: number[]): number[] => [0x60, params.length, ...params, 0];

/** The module's bytes (built once; every section is small enough for one-byte sizes). */
export function loggerModuleBytes(): Uint8Array {
  // Types 0-4: one per logger parameter; type 5: (i64, i64) for v128bits.
  const types = vec([...loggers.map((l) => funcType([l.param])), funcType([I64, I64])]);
  const importTypes = [0, 1, 0, 1, 5];
  const imports = vec(LOGGER_IMPORTS.map((n, i) => [...name("host"), ...name(n), 0x00, importTypes[i]!]));
  const functions = vec(loggers.map((_, i) => [i]));
  const exports = vec(loggers.map((l, i) => [...name(l.name), 0x00, LOGGER_IMPORTS.length + i]));
  const code = vec(loggers.map((l) => [l.body.length + 2, 0, ...l.body, END]));
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, types),
    ...section(2, imports),
    ...section(3, functions),
    ...section(7, exports),
    ...section(10, code),
  ]);
}
