import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BitExactCaller, WrapperError } from "./bit-exact-call.js";
import { type Action, type AnyJsonValue, type Command, loadScriptFile } from "./commands.js";
import { scriptDir, scriptPath } from "./data-dir.js";
import type { Engine, ErrorClass, WasmInstance } from "./engine.js";
import { type Counts, emptyCounts, type FailureDetail, type ScriptResult } from "./results.js";
import { createSpectest } from "./spectest.js";
import {
  decodeArg,
  ExternRefs,
  expectsExactNaN,
  fromJs,
  isNaNArg,
  matchValue,
  show,
  toJs,
  UnsupportedValue,
  VALUE_TYPES,
  type ValueType,
  type WasmValue,
} from "./values.js";

export interface RunScriptOptions {
  /** How many failure details to keep (default 5). */
  readonly maxFailures?: number;
  /** Called every `progressEvery` commands (default 100) and at the end. */
  readonly onProgress?: (done: number, counts: Counts, line: number) => void;
  readonly progressEvery?: number;
  /** Receives the `spectest.print*` output; dropped when absent. */
  readonly print?: (line: string) => void;
}

/** Runs one script's commands in order against `engine`. Never throws for engine misbehaviour. */
export function runScript(
  engine: Engine,
  specDir: string,
  group: string,
  script: string,
  options: RunScriptOptions = {},
): ScriptResult {
  const started = performance.now();
  const file = loadScriptFile(scriptPath(specDir, group, script));
  const run = new ScriptRun(engine, scriptDir(specDir, group, script), options.print);
  const counts = emptyCounts();
  const skipReasons: Record<string, number> = {};
  const failures: FailureDetail[] = [];
  const messageMismatches: FailureDetail[] = [];
  const maxFailures = options.maxFailures ?? 5;
  const every = options.progressEvery ?? 100;
  let done = 0;
  for (const command of file.commands) {
    const outcome = run.execute(command);
    switch (outcome.kind) {
      case "pass":
        counts.pass++;
        if (outcome.quieted) counts.nanQuieted++;
        if (outcome.messageMismatch !== undefined) {
          counts.messageMismatch++;
          if (messageMismatches.length < maxFailures) {
            messageMismatches.push({
              line: command.line,
              command: describeCommand(command),
              message: outcome.messageMismatch,
            });
          }
        }
        break;
      case "skip":
        counts.skip++;
        skipReasons[outcome.reason] = (skipReasons[outcome.reason] ?? 0) + 1;
        break;
      case "fail":
        counts.fail++;
        if (failures.length < maxFailures) {
          failures.push({ line: command.line, command: describeCommand(command), message: outcome.message });
        }
    }
    done++;
    if (options.onProgress && done % every === 0) options.onProgress(done, counts, command.line);
  }
  options.onProgress?.(done, counts, file.commands.at(-1)?.line ?? 0);
  return {
    group,
    script,
    commands: file.commands.length,
    ...counts,
    skipReasons,
    failures,
    messageMismatches,
    durationMs: Math.round(performance.now() - started),
  };
}

type Outcome =
  | { readonly kind: "pass"; readonly quieted?: boolean; readonly messageMismatch?: string }
  | { readonly kind: "fail"; readonly message: string }
  | { readonly kind: "skip"; readonly reason: string };

const PASS: Outcome = { kind: "pass" };

/** Thrown inside a command's handling to end it with that outcome. */
class Stop extends Error {
  readonly outcome: Outcome;
  constructor(outcome: Outcome) {
    super(outcome.kind === "fail" ? outcome.message : outcome.kind);
    this.outcome = outcome;
  }
}
const failWith = (message: string): Stop => new Stop({ kind: "fail", message });
const skipWith = (reason: string): Stop => new Stop({ kind: "skip", reason });

/** A module command that did not produce an instance; later uses of it fail with this reason. */
interface BrokenModule {
  readonly broken: string;
}
type Current = WasmInstance | BrokenModule;

type Fn = (...args: unknown[]) => unknown;

/** The state of one script: registered modules, named instances, the current module. */
class ScriptRun {
  readonly #engine: Engine;
  readonly #dir: string;
  readonly #registry: Record<string, unknown> = Object.create(null);
  /** Unknown module names resolve to an empty object, so a missing import is a LinkError. */
  readonly #imports: object;
  readonly #named = new Map<string, Current>();
  #current: Current | undefined;
  readonly #externs = new ExternRefs();
  readonly #bitExact: BitExactCaller;

  constructor(engine: Engine, dir: string, print: ((line: string) => void) | undefined) {
    this.#engine = engine;
    this.#dir = dir;
    this.#registry["spectest"] = createSpectest(engine.api, print);
    this.#imports = new Proxy(this.#registry, {
      get: (target, key) => (typeof key === "string" && key in target ? target[key] : {}),
    });
    this.#bitExact = new BitExactCaller(engine.api);
  }

  execute(command: Command): Outcome {
    try {
      return this.#execute(command);
    } catch (e) {
      if (e instanceof Stop) return e.outcome;
      return { kind: "fail", message: `runner: unexpected ${describeError(e)}` };
    }
  }

  #execute(command: Command): Outcome {
    const { api } = this.#engine;
    switch (command.type) {
      case "module": {
        if (command.module_type === "text") throw skipWith("text module");
        let instance: Current;
        let outcome: Outcome = PASS;
        try {
          instance = this.#instantiate(this.#compile(command.filename));
        } catch (e) {
          instance = { broken: `module at line ${command.line} failed: ${describeError(e)}` };
          outcome = { kind: "fail", message: describeError(e) };
        }
        this.#current = instance;
        if (command.name !== undefined) this.#named.set(command.name, instance);
        return outcome;
      }
      case "register": {
        const target = this.#instanceFor(command.name);
        this.#registry[command.as] = target.exports;
        return PASS;
      }
      case "action":
        this.#perform(command.action, undefined);
        return PASS;
      case "assert_return":
        return this.#assertReturn(command.action, command.expected, command.either);
      case "assert_trap": {
        if (command.action) {
          const error = this.#expectThrow(
            () => this.#perform(command.action!, typesOf(command.expected)),
            "a trap",
          );
          return this.#expectError(error, [api.RuntimeError], "RuntimeError", command.text);
        }
        if (command.filename === undefined) throw failWith("assert_trap without an action or a module");
        if (command.module_type === "text") throw skipWith("text module");
        const module = this.#compile(command.filename);
        const error = this.#expectThrow(() => this.#instantiate(module), "a trap during instantiation");
        return this.#expectError(error, [api.RuntimeError], "RuntimeError", command.text);
      }
      case "assert_exhaustion": {
        const error = this.#expectThrow(
          () => this.#perform(command.action, typesOf(command.expected)),
          "call stack exhaustion",
        );
        return this.#expectError(
          error,
          [api.RuntimeError, ...this.#engine.exhaustionErrors],
          "RuntimeError",
          command.text,
        );
      }
      case "assert_exception": {
        // The call must throw a wasm exception: for JS, a `WebAssembly.Exception`.
        const exception = api.Exception;
        if (exception === undefined)
          throw skipWith("assert_exception: the engine has no WebAssembly.Exception");
        const error = this.#expectThrow(() => this.#perform(command.action, undefined), "a wasm exception");
        if (!(error instanceof exception))
          throw failWith(`expected a WebAssembly.Exception, got ${String(error)}`);
        return PASS;
      }
      case "assert_invalid":
      case "assert_malformed": {
        if (command.module_type === "text") throw skipWith("text module");
        const bytes = this.#read(command.filename);
        const error = this.#expectThrow(() => new api.Module(bytes), `a CompileError (${command.text})`);
        return this.#expectError(error, [api.CompileError], "CompileError", command.text);
      }
      case "assert_unlinkable": {
        if (command.module_type === "text") throw skipWith("text module");
        const module = this.#compile(command.filename);
        const error = this.#expectThrow(() => this.#instantiate(module), `a LinkError (${command.text})`);
        return this.#expectError(error, [api.LinkError], "LinkError", command.text);
      }
      case "assert_uninstantiable": {
        if (command.module_type === "text") throw skipWith("text module");
        const module = this.#compile(command.filename);
        const error = this.#expectThrow(
          () => this.#instantiate(module),
          `a trap during instantiation (${command.text})`,
        );
        return this.#expectError(error, [api.RuntimeError], "RuntimeError", command.text);
      }
    }
  }

  #assertReturn(
    action: Action,
    expected: AnyJsonValue[] | undefined,
    either: AnyJsonValue[] | undefined,
  ): Outcome {
    if (either) {
      const types = typesOf([either[0]!]);
      const results = this.#perform(action, types);
      const matches = either.map((e) => matchValue(e, results[0]!, this.#externs));
      const hit = matches.find((m) => m.ok);
      if (hit?.ok) return { kind: "pass", quieted: hit.quieted };
      throw failWith(
        `matches none of ${either.length} alternatives: ${matches.map((m) => !m.ok && m.message).join(" | ")}`,
      );
    }
    const want = expected ?? [];
    const results = this.#perform(action, typesOf(want), want.some(expectsExactNaN));
    let quieted = false;
    const problems: string[] = [];
    want.forEach((e, i) => {
      const m = matchValue(e, results[i]!, this.#externs);
      if (!m.ok) problems.push(want.length > 1 ? `result ${i}: ${m.message}` : m.message);
      else if (m.quieted) quieted = true;
    });
    if (problems.length > 0) throw failWith(problems.join("; "));
    return { kind: "pass", quieted };
  }

  /**
   * Performs an invoke or get. With `resultTypes` the results are returned as `WasmValue`s of
   * those types (after checking their number); without, they are ignored.
   */
  #perform(action: Action, resultTypes: ValueType[] | undefined, exactResults = false): WasmValue[] {
    const instance = this.#instanceFor(action.module);
    const exported = instance.exports[action.field];
    if (action.type === "get") {
      if (exported === undefined) throw failWith(`no export "${action.field}"`);
      const value = exported instanceof this.#engine.api.Global ? exported.value : exported;
      return resultTypes ? this.#lift(resultTypes, [value]) : [];
    }
    if (typeof exported !== "function") throw failWith(`export "${action.field}" is not a function`);
    const fn = exported as Fn;
    let args: WasmValue[];
    try {
      args = action.args.map((a) => decodeArg(a, this.#externs));
    } catch (e) {
      if (e instanceof UnsupportedValue) throw skipWith(`unsupported argument: ${e.message}`);
      throw e;
    }
    const params = args.map((a) => a.type);
    const hasV128 = params.includes("v128") || (resultTypes?.includes("v128") ?? false);
    // The JS API leaves the payload of a NaN passed as a JS number to the engine: pass NaNs as bits.
    const needsExactArgs = args.some(isNaNArg) || exactResults;
    if (needsExactArgs || (hasV128 && !this.#engine.invokeRaw)) {
      if (!resultTypes) throw skipWith("bit-exact call with unknown result types");
      try {
        return this.#bitExact.call(fn, params, resultTypes, args);
      } catch (e) {
        if (e instanceof WrapperError) throw failWith(e.message);
        throw e;
      }
    }
    if (hasV128) {
      const raw = this.#engine.invokeRaw!(fn, args.map(toJs));
      return resultTypes ? this.#lift(resultTypes, raw) : [];
    }
    const ret = fn(...args.map(toJs));
    if (!resultTypes) return [];
    if (resultTypes.length === 0) {
      if (ret !== undefined) throw failWith(`expected no result, got ${show(ret)}`);
      return [];
    }
    if (resultTypes.length === 1) return this.#lift(resultTypes, [ret]);
    if (!isIterable(ret))
      throw failWith(`expected ${resultTypes.length} results as an array, got ${show(ret)}`);
    return this.#lift(resultTypes, Array.from(ret));
  }

  #lift(types: readonly ValueType[], values: readonly unknown[]): WasmValue[] {
    if (values.length !== types.length)
      throw failWith(`expected ${types.length} results, got ${values.length}`);
    return types.map((type, i) => {
      const v = fromJs(type, values[i]);
      if (typeof v === "string") throw failWith(types.length > 1 ? `result ${i}: ${v}` : v);
      return v;
    });
  }

  #instanceFor(name: string | undefined): WasmInstance {
    const target = name === undefined ? this.#current : this.#named.get(name);
    if (target === undefined)
      throw failWith(name === undefined ? "no current module" : `no module named ${name}`);
    if ("broken" in target) throw failWith(target.broken);
    return target;
  }

  #read(filename: string): Uint8Array {
    return new Uint8Array(readFileSync(join(this.#dir, filename)));
  }

  /** Compiles a module that must compile; a failure ends the command as failed. */
  #compile(filename: string): object {
    try {
      return new this.#engine.api.Module(this.#read(filename));
    } catch (e) {
      throw failWith(`compiling ${filename}: ${describeError(e)}`);
    }
  }

  #instantiate(module: object): WasmInstance {
    return new this.#engine.api.Instance(module, this.#imports);
  }

  #expectThrow(thunk: () => unknown, what: string): unknown {
    try {
      thunk();
    } catch (e) {
      if (e instanceof Stop) throw e;
      return e;
    }
    throw failWith(`expected ${what}, but nothing was thrown`);
  }

  #expectError(error: unknown, classes: readonly ErrorClass[], name: string, text: string): Outcome {
    if (!classes.some((c) => error instanceof c)) {
      throw failWith(`expected ${name} "${text}", got ${describeError(error)}`);
    }
    const message = String((error as Error).message);
    if (!this.#engine.checksMessages || message.includes(text)) return PASS;
    return { kind: "pass", messageMismatch: `expected "${text}", got ${describeError(error)}` };
  }
}

function typesOf(values: readonly AnyJsonValue[]): ValueType[] {
  return values.map((v) => {
    if (!VALUE_TYPES.includes(v.type)) throw skipWith(`unsupported result type ${v.type}`);
    return v.type as ValueType;
  });
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function"
  );
}

function describeError(e: unknown): string {
  if (e instanceof Stop) return e.message;
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return `non-error ${show(e)}`;
}

function describeCommand(command: Command): string {
  if ("action" in command && command.action) return `${command.type} ${command.action.field}`;
  if ("filename" in command && command.filename) return `${command.type} ${command.filename}`;
  return command.type;
}
