import { encodeU32 } from "@microwasm/core";
import type { WebAssemblyApi } from "./engine.js";
import { fromJs, type WasmValue } from "./values.js";

/**
 * Calls a function through a wasm wrapper so that every value crosses the JS boundary as an
 * integer: f32 as its i32 bits, f64 as its i64 bits, v128 as two i64 halves. This is how the
 * runner passes what a JS number cannot carry (signalling f32 NaNs; the standard API throws a
 * TypeError for v128). The wrapper imports the function, rebuilds the real arguments with
 * `reinterpret` / `i64x2.replace_lane`, calls it and splits the results the same way. It is
 * compiled by the engine under test, so v128 calls need the engine's SIMD support.
 */

type WasmType = WasmValue["type"];
type Fn = (...args: unknown[]) => unknown;

const typeByte: Record<WasmType, number> = {
  i32: 0x7f,
  i64: 0x7e,
  f32: 0x7d,
  f64: 0x7c,
  v128: 0x7b,
  funcref: 0x70,
  externref: 0x6f,
};

/** How a value of each type crosses the wrapper's boundary. */
function carrier(type: WasmType): WasmType[] {
  switch (type) {
    case "f32":
      return ["i32"];
    case "f64":
      return ["i64"];
    case "v128":
      return ["i64", "i64"];
    default:
      return [type];
  }
}

/** The wrapper could not be built (e.g. an engine without SIMD cannot compile a v128 one). */
export class WrapperError extends Error {}

export class BitExactCaller {
  readonly #modules = new Map<string, object>();
  readonly #wrappers = new WeakMap<Fn, Map<string, Fn>>();

  readonly #api: WebAssemblyApi;

  constructor(api: WebAssemblyApi) {
    this.#api = api;
  }

  /** Calls `fn` (of type params → results) with `args`; returns the results, bit-exact. */
  call(
    fn: Fn,
    params: readonly WasmType[],
    results: readonly WasmType[],
    args: readonly WasmValue[],
  ): WasmValue[] {
    const wrapper = this.#wrapper(fn, params, results);
    const ret = wrapper(...args.flatMap(lowerArg));
    const carried = results.flatMap(carrier).length;
    const flat: unknown[] = carried === 0 ? [] : carried === 1 ? [ret] : Array.from(ret as Iterable<unknown>);
    const out: WasmValue[] = [];
    let at = 0;
    for (const type of results) {
      switch (type) {
        case "f32":
          out.push({ type, bits: (flat[at++] as number) >>> 0 });
          break;
        case "f64":
          out.push({ type, bits: BigInt.asUintN(64, flat[at++] as bigint) });
          break;
        case "v128": {
          const bytes = new Uint8Array(16);
          const view = new DataView(bytes.buffer);
          view.setBigInt64(0, flat[at++] as bigint, true);
          view.setBigInt64(8, flat[at++] as bigint, true);
          out.push({ type, bytes });
          break;
        }
        default: {
          const v = fromJs(type, flat[at++]);
          if (typeof v === "string") throw new Error(v);
          out.push(v);
        }
      }
    }
    return out;
  }

  #wrapper(fn: Fn, params: readonly WasmType[], results: readonly WasmType[]): Fn {
    const key = `${params.join(",")}->${results.join(",")}`;
    let byKey = this.#wrappers.get(fn);
    if (!byKey) {
      byKey = new Map();
      this.#wrappers.set(fn, byKey);
    }
    let wrapper = byKey.get(key);
    if (!wrapper) {
      try {
        let module = this.#modules.get(key);
        if (!module) {
          module = new this.#api.Module(encodeWrapperModule(params, results));
          this.#modules.set(key, module);
        }
        const instance = new this.#api.Instance(module, { m: { f: fn } });
        wrapper = instance.exports["w"] as Fn;
      } catch (e) {
        throw new WrapperError(`cannot build the bit-exact call wrapper for (${key}): ${String(e)}`);
      }
      byKey.set(key, wrapper);
    }
    return wrapper;
  }
}

function lowerArg(value: WasmValue): unknown[] {
  switch (value.type) {
    case "i32":
    case "f32":
      return [value.bits | 0];
    case "i64":
    case "f64":
      return [BigInt.asIntN(64, value.bits)];
    case "v128": {
      const view = new DataView(value.bytes.buffer, value.bytes.byteOffset, 16);
      return [view.getBigInt64(0, true), view.getBigInt64(8, true)];
    }
    default:
      return [value.ref];
  }
}

/** The wrapper module: imports `m.f` of type params → results, exports `w` over carriers. */
export function encodeWrapperModule(params: readonly WasmType[], results: readonly WasmType[]): Uint8Array {
  const wrapperParams = params.flatMap(carrier);
  const wrapperResults = results.flatMap(carrier);
  const body: number[] = [];
  let local = 0;
  for (const type of params) {
    switch (type) {
      case "f32":
        body.push(0x20, ...encodeU32(local++), 0xbe); // f32.reinterpret_i32
        break;
      case "f64":
        body.push(0x20, ...encodeU32(local++), 0xbf); // f64.reinterpret_i64
        break;
      case "v128":
        body.push(0xfd, 0x0c, ...new Array<number>(16).fill(0)); // v128.const 0
        body.push(0x20, ...encodeU32(local++), 0xfd, 0x1e, 0); // i64x2.replace_lane 0
        body.push(0x20, ...encodeU32(local++), 0xfd, 0x1e, 1); // i64x2.replace_lane 1
        break;
      default:
        body.push(0x20, ...encodeU32(local++));
    }
  }
  body.push(0x10, 0); // call the import
  // Results are on the stack in order; park them in locals (last first) to convert each one.
  const firstResultLocal = wrapperParams.length;
  for (let i = results.length - 1; i >= 0; i--) body.push(0x21, ...encodeU32(firstResultLocal + i));
  results.forEach((type, i) => {
    const get = [0x20, ...encodeU32(firstResultLocal + i)];
    switch (type) {
      case "f32":
        body.push(...get, 0xbc); // i32.reinterpret_f32
        break;
      case "f64":
        body.push(...get, 0xbd); // i64.reinterpret_f64
        break;
      case "v128":
        body.push(...get, 0xfd, 0x1d, 0, ...get, 0xfd, 0x1d, 1); // i64x2.extract_lane 0, 1
        break;
      default:
        body.push(...get);
    }
  });
  body.push(0x0b);
  const locals = vec(results.map((type) => [1, typeByte[type]]));
  const code = [...locals, ...body];

  const funcType = (ps: readonly WasmType[], rs: readonly WasmType[]) => [
    0x60,
    ...vec(ps.map((t) => [typeByte[t]])),
    ...vec(rs.map((t) => [typeByte[t]])),
  ];
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec([funcType(params, results), funcType(wrapperParams, wrapperResults)])),
    ...section(2, vec([[...name("m"), ...name("f"), 0x00, 0]])),
    ...section(3, vec([[1]])),
    ...section(7, vec([[...name("w"), 0x00, 1]])),
    ...section(10, vec([[...encodeU32(code.length), ...code]])),
  ]);
}

function vec(items: readonly (readonly number[])[]): number[] {
  return [...encodeU32(items.length), ...items.flat()];
}
function name(text: string): number[] {
  const bytes = new TextEncoder().encode(text);
  return [...encodeU32(bytes.length), ...bytes];
}
function section(id: number, content: readonly number[]): number[] {
  return [id, ...encodeU32(content.length), ...content];
}
