import { type FuncType, funcTypeKey, funcTypesEqual, LinkError } from "@microwasm/core";
import type { NativeExecEnv } from "./native-exec-env.js";
import type { ResolvedNative } from "./native-registry.js";
import { allI32Signature, type NativeSignature } from "./signature.js";

/**
 * The signature a native is called with for an import of wasm type `importType`, after checking
 * that the two agree: throws `LinkError` ("incompatible import type") naming the module, the
 * field, the import's type (expected) and the native's (actual).
 */
export function checkNativeLink<Env extends NativeExecEnv>(
  native: ResolvedNative<Env>,
  moduleName: string,
  field: string,
  importType: FuncType,
): NativeSignature {
  const signature = native.signature ?? allI32Signature(importType);
  if (signature !== undefined && funcTypesEqual(signature.type, importType)) return signature;
  const actual =
    native.signature === null
      ? `native "${native.symbol.name}" has no signature (all i32)`
      : `native "${native.symbol.name}" has signature "${native.signature.text}", i.e. ${funcTypeKey(native.signature.type)}`;
  throw new LinkError(
    "incompatible import type",
    `${moduleName}.${field}: expected ${funcTypeKey(importType)}, but ${actual}`,
  );
}
