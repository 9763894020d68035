import { expect } from "vitest";
import type { ExecEnv, WasmFunction } from "../src/index.js";

/** A module whose `down(n)` recurses n frames deep (and returns n). */
export const downText = `(module (func $down (export "down") (param i32) (result i32)
  (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
    (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1))))))))`;

/**
 * The deepest `down` (of `downText`) that runs on `env`, by binary search below `bound`: every
 * deeper call must fail with "wasm operand stack overflow".
 */
export function deepestCall(env: ExecEnv, down: WasmFunction, bound: number): number {
  let low = 0;
  let high = bound;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    try {
      env.call(down, [mid]);
      low = mid;
    } catch (error) {
      expect(String(error)).toContain("wasm operand stack overflow");
      high = mid - 1;
    }
  }
  return low;
}
