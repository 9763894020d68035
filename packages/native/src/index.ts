/**
 * @microwasm/native: native symbols as WAMR defines them.
 *
 * - `NativeRegistry`: `register(moduleName, symbols)` / `registerRaw(...)` check every symbol
 *   with zod (name, function, signature grammar) and throw `NativeSymbolError` naming the first
 *   bad one; `unregister(moduleName, symbols)`; `resolve(moduleName, field)` finds the native
 *   for an import (last registered wins; `_name` falls back to `name`, as in WAMR).
 * - `checkNativeLink(native, module, field, importType)` → the signature to call with; throws
 *   `LinkError` ("incompatible import type") naming module, field, expected and actual types.
 * - `bindNative(native, signature)` → a `NativeCall` that reads the arguments from cells,
 *   bounds-checks `*`/`~`/`$` (failure: the instance's exception "out of bounds memory access",
 *   the native is not called), converts, calls `fn(env, ...args)`, and writes the result.
 * - `parseSignature`, `signatureSchema`: the grammar `(params)result` over `i I f F r * ~ $`.
 * - `NativeExecEnv` / `NativeModuleInstance`: what natives see; the runtime implements them.
 */

export { bindNative, type NativeCall, OUT_OF_BOUNDS } from "./bind-native.js";
export { checkNativeLink } from "./link-native.js";
export type { NativeCells, NativeExecEnv, NativeModuleInstance } from "./native-exec-env.js";
export { NativeRegistry, type ResolvedNative } from "./native-registry.js";
export {
  type NativeFunction,
  type NativeSymbol,
  NativeSymbolError,
  type PointerMode,
  type RawNativeFunction,
  type RawNativeSymbol,
} from "./native-symbol.js";
export {
  allI32Signature,
  type NativeSignature,
  type ParamKind,
  parseSignature,
  type ResultKind,
  signatureSchema,
} from "./signature.js";
