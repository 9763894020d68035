import type { NativeCells, NativeExecEnv } from "./native-exec-env.js";
import type { ResolvedNative } from "./native-registry.js";
import type { NativeFunction, NativeSymbol, RawNativeFunction } from "./native-symbol.js";
import type { NativeSignature } from "./signature.js";

/** Calls a native with the arguments in `cells` from `base`, and writes its result there. */
export type NativeCall<Env extends NativeExecEnv = NativeExecEnv> = (
  env: Env,
  cells: NativeCells,
  base: number,
) => void;

/** WAMR's wording for a pointer argument outside linear memory. */
export const OUT_OF_BOUNDS = "out of bounds memory access";

const utf8 = new TextDecoder();

/**
 * Makes the call adapter for a native linked with `signature` (from `checkNativeLink`). Every
 * `*` is bounds-checked for 1 byte, or for the `~` length after it, and every `$` for a NUL
 * inside memory, before the native runs; a failed check sets the instance's exception
 * "out of bounds memory access" and the native is not called.
 */
export function bindNative<Env extends NativeExecEnv>(
  native: ResolvedNative<Env>,
  signature: NativeSignature,
): NativeCall<Env> {
  const attachment = native.symbol.attachment;
  if (native.raw) {
    const fn = native.symbol.fn as RawNativeFunction<Env>;
    return (env, cells, base) => {
      env.functionAttachment = attachment;
      fn(env, cells, base);
    };
  }
  const fn = native.symbol.fn as NativeFunction<Env>;
  const byOffset = (native.symbol as NativeSymbol<Env>).pointers === "offset";
  const kinds = signature.params;
  const count = kinds.length;
  const result = signature.result;
  return (env, cells, base) => {
    const args: unknown[] = new Array(count);
    const { i32 } = cells;
    let memory: Uint8Array | undefined;
    for (let k = 0; k < count; k++) {
      const cell = base + k * 4;
      switch (kinds[k]) {
        case "i":
          args[k] = i32[cell];
          break;
        case "I":
          args[k] = (BigInt(i32[cell + 1]!) << 32n) | BigInt(i32[cell]! >>> 0);
          break;
        case "f":
          args[k] = cells.f32[cell];
          break;
        case "F":
          args[k] = cells.f64[cell >> 1];
          break;
        case "r":
          args[k] = cells.refs[cell >> 2];
          break;
        case "~":
          args[k] = i32[cell]! >>> 0;
          break;
        case "*": {
          memory ??= env.moduleInstance.memoryBytes();
          const at = i32[cell]! >>> 0;
          const sized = kinds[k + 1] === "~";
          const length = sized ? i32[cell + 4]! >>> 0 : 1;
          if (memory === undefined || at + length > memory.length) {
            env.moduleInstance.setException(OUT_OF_BOUNDS);
            return;
          }
          args[k] = byOffset
            ? at
            : new Uint8Array(memory.buffer, memory.byteOffset + at, sized ? length : memory.length - at);
          break;
        }
        default: {
          // "$"
          memory ??= env.moduleInstance.memoryBytes();
          const at = i32[cell]! >>> 0;
          const end = memory === undefined || at >= memory.length ? -1 : memory.indexOf(0, at);
          if (end < 0) {
            env.moduleInstance.setException(OUT_OF_BOUNDS);
            return;
          }
          args[k] = byOffset ? at : utf8.decode(memory!.subarray(at, end));
        }
      }
    }
    env.functionAttachment = attachment;
    const value = fn(env, ...args);
    // The native may have called into wasm again, which may have grown the stack's views:
    // the result goes through the current ones, not `i32` read before the call.
    switch (result) {
      case null:
        return;
      case "i":
        cells.i32[base] = Number(value ?? 0) | 0;
        return;
      case "I": {
        const v = BigInt.asIntN(
          64,
          typeof value === "bigint" ? value : BigInt(Math.trunc(Number(value ?? 0))),
        );
        cells.i32[base] = Number(v & 0xffffffffn) | 0;
        cells.i32[base + 1] = Number((v >> 32n) & 0xffffffffn) | 0;
        return;
      }
      case "f":
        cells.f32[base] = Number(value);
        return;
      case "F":
        cells.f64[base >> 1] = Number(value);
        return;
      default:
        cells.refs[base >> 2] = value;
    }
  };
}
