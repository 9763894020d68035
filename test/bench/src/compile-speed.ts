import { translateAll } from "@microwasm/aot";
import { compileWasm } from "@microwasm/engine";
import { type Timing, timed } from "./run-kernel.js";

/**
 * How fast the AOT tier turns a whole module into code: the pipeline (parse, validate, compile
 * for the interpreter), then every function translated to JavaScript and handed to V8 (`new
 * Function`, which parses it; V8 compiles a function's bytecode on its first call, not counted)
 * as its first call would (`translateAll`). The tier translates lazily, so this is what a
 * module that runs all its code pays in total.
 */
export interface CompileSpeed {
  readonly pipeline: Timing;
  /** Translation and `new Function`, every function. */
  readonly translate: Timing;
  /** Defined functions, and how many were translated (the others run in the interpreter). */
  readonly functions: number;
  readonly translated: number;
  /** Characters of generated JavaScript. */
  readonly sourceChars: number;
  /** Wasm megabytes per second of CPU time, the three steps together. */
  readonly MBps: number;
  /** Growth of the JS heap while the compiled module, its source and factories are alive, in MB. */
  readonly heapMB: number;
}

export function measureCompileSpeed(bytes: Uint8Array): CompileSpeed {
  const heapBefore = process.memoryUsage().heapUsed;
  const [compiled, pipeline] = timed(() => compileWasm(bytes, { engine: "interpreter" }));
  const [{ factories, sourceChars }, translate] = timed(() => translateAll(compiled));
  const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  const cpuMs = pipeline.cpuMs + translate.cpuMs;
  return {
    pipeline,
    translate,
    functions: factories.length,
    translated: factories.filter((f) => f !== null).length,
    sourceChars,
    MBps: bytes.length / 1e6 / (cpuMs / 1000),
    heapMB,
  };
}
