import type { WasmFrame } from "@microwasm/core";
import type { FunctionInstance } from "./function-instance.js";

/** The trace frame of `fn` stopped at internal pc `pc`: the wasm offset of the instruction there. */
export function stackTraceOf(fn: FunctionInstance, pc: number): WasmFrame {
  const compiled = fn.compiled!;
  const pairs = compiled.pcOffsets;
  // Binary search for the last instruction starting at or before pc.
  let lo = 0;
  let hi = pairs.length / 2 - 1;
  let offset: number | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (pairs[mid * 2]! <= pc) {
      offset = pairs[mid * 2 + 1]!;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return { funcIndex: compiled.funcIndex, name: compiled.name, offset };
}
