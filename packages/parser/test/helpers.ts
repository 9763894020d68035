import { CompileError, type Features, wasm2Features } from "@microwasm/core";
import { expect } from "vitest";
import { parseModule } from "../src/index.js";

/** The CompileError that parsing `bytes` throws; fails the test if it parses or throws anything else. */
export function parseError(bytes: Uint8Array, features: Features = wasm2Features): CompileError {
  try {
    parseModule(bytes, features);
  } catch (e) {
    expect(e).toBeInstanceOf(CompileError);
    expect((e as CompileError).kind).toBe("malformed");
    return e as CompileError;
  }
  throw new Error("expected the module to be rejected");
}

export function reasonOf(bytes: Uint8Array, features?: Features): string {
  return parseError(bytes, features).reason;
}
