import type { FuzzEngine } from "./engines.js";
import { LOGGER_EXPORTS, loggerModuleBytes } from "./logger-module.js";
import type { Transcript } from "./transcript.js";

/**
 * binaryen's fuzz-exec protocol (its `execution-results.h` and `scripts/fuzz_shell.js`): import
 * the `fuzzing-support` loggers, instantiate, then for every exported function in export order
 * call `hangLimitInitializer` (when exported: it resets the generated module's own loop and
 * recursion budget) and then the export with `args` (zeros, see export-params.ts), noting what it logs and returns or
 * that it trapped. State carries over from call to call, as in binaryen.
 */
export function runFuzzExec(
  engine: FuzzEngine,
  bytes: Uint8Array,
  args: ReadonlyMap<string, readonly unknown[]>,
): Transcript {
  const { api } = engine;
  let module: object;
  try {
    module = new api.Module(bytes);
  } catch (e) {
    return { setup: `compile failed: ${errorName(e)}`, lines: [], ended: null };
  }
  const lines: string[] = [];
  for (const imp of api.Module.imports(module)) {
    if (imp.module !== "fuzzing-support" || !LOGGER_EXPORTS.includes(imp.name)) {
      return { setup: `unknown import ${imp.module}.${imp.name}`, lines, ended: null };
    }
  }
  const loggers = loggerInstance(engine, lines);
  let exports: Record<string, unknown>;
  try {
    engine.bound();
    exports = new api.Instance(module, { "fuzzing-support": loggers }).exports;
  } catch (e) {
    const abrupt = engine.classify(e);
    if (abrupt.kind === "exhausted" || abrupt.kind === "timeout")
      return { setup: null, lines, ended: abrupt.kind };
    return {
      setup: `instantiate failed: ${abrupt.kind === "trap" ? abrupt.line : errorName(e)}`,
      lines,
      ended: null,
    };
  }
  const hangLimitInitializer = exports["hangLimitInitializer"] as (() => unknown) | undefined;
  for (const exp of api.Module.exports(module)) {
    if (exp.kind !== "function") continue;
    const fn = exports[exp.name] as (...args: unknown[]) => unknown;
    lines.push(`call ${exp.name}`);
    try {
      engine.bound();
      hangLimitInitializer?.();
      engine.bound();
      const result = fn(...(args.get(exp.name) ?? []));
      if (result !== undefined) lines.push(`result ${formatResult(result)}`);
    } catch (e) {
      const abrupt = engine.classify(e);
      if (abrupt.kind === "exhausted" || abrupt.kind === "timeout")
        return { setup: null, lines, ended: abrupt.kind };
      lines.push(abrupt.line);
    }
  }
  return { setup: null, lines, ended: null };
}

function formatResult(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(formatResult).join(", ")}]`;
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (value === null) return "null";
  if (typeof value === "function") return "funcref";
  return typeof value;
}

function errorName(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

const loggerModules = new WeakMap<FuzzEngine, object>();

/** Loggers on the engine itself (see logger-module.ts), writing to `lines`. */
function loggerInstance(engine: FuzzEngine, lines: string[]): Record<string, unknown> {
  let module = loggerModules.get(engine);
  if (!module) {
    module = new engine.api.Module(loggerModuleBytes());
    loggerModules.set(engine, module);
  }
  const host = {
    i32: (x: number) => lines.push(`log i32 ${x}`),
    i64: (x: bigint) => lines.push(`log i64 ${x}`),
    f32bits: (bits: number) => lines.push(`log f32 ${hex32(bits)}`),
    f64bits: (bits: bigint) => lines.push(`log f64 ${hex64(bits)}`),
    v128bits: (low: bigint, high: bigint) =>
      lines.push(
        `log v128 ${[low, low >> 32n, high, high >> 32n].map((lane) => hex32(Number(BigInt.asUintN(32, lane)))).join(" ")}`,
      ),
  };
  return new engine.api.Instance(module, { host }).exports;
}

const hex32 = (bits: number): string => `0x${(bits >>> 0).toString(16).padStart(8, "0")}`;
const hex64 = (bits: bigint): string => `0x${BigInt.asUintN(64, bits).toString(16).padStart(16, "0")}`;
