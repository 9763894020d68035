import { ExternalKind, ValType } from "@microwasm/core";
import { parseModule } from "@microwasm/parser";
import { beyondWasm2 } from "./beyond-w2.js";
import { type FuzzEngine, nodeEngine } from "./engines.js";
import { zeroArgumentsByExport } from "./export-params.js";

/**
 * What one (mutated) module did on microwasm: its validity next to Node's, and whether every
 * failure on the way (validate, compile, instantiate, call each export) was one the JS API
 * allows. Hangs are the pool's to catch: it times out the worker.
 */
export interface MutationCheck {
  readonly valid: boolean;
  readonly nodeValid: boolean;
  /** How far the module got on microwasm. */
  readonly stage: "invalid" | "compiled" | "link-error" | "start-trapped" | "instantiated";
  /** A result the JS API does not allow (wrong exception type, validate and compile disagreeing). */
  readonly problem: string | null;
  /** The engines disagree on validity (and it is not a 3.0 feature Node has): what each said. */
  readonly disagreement: string | null;
  /** Node accepted a 3.0 feature microwasm rightly rejects. */
  readonly beyondWasm2: string | null;
}

export function checkModule(bytes: Uint8Array, engine: FuzzEngine): MutationCheck {
  const { api } = engine;
  const nodeValid = nodeEngine.api.validate(bytes);
  let valid: boolean;
  try {
    valid = api.validate(bytes);
  } catch (e) {
    return fail(nodeValid, "invalid", `validate threw ${describe(e)}`);
  }
  let module: object | undefined;
  let compileMessage = "";
  try {
    module = new api.Module(bytes);
  } catch (e) {
    if (!(e instanceof (api as unknown as { CompileError: typeof Error }).CompileError)) {
      return fail(nodeValid, "invalid", `compile threw ${describe(e)}`);
    }
    compileMessage = (e as Error).message;
  }
  if ((module !== undefined) !== valid) {
    return fail(
      nodeValid,
      "invalid",
      `validate said ${valid} but compiling ${module ? "succeeded" : "failed"}`,
    );
  }
  const result = (stage: MutationCheck["stage"], problem: string | null): MutationCheck => {
    let disagreement: string | null = null;
    let beyond: string | null = null;
    if (valid !== nodeValid) {
      beyond = !valid ? beyondWasm2(bytes, compileMessage) : null;
      if (!beyond)
        disagreement = valid ? `node rejects: ${nodeMessage(bytes)}` : `microwasm rejects: ${compileMessage}`;
    }
    return { valid, nodeValid, stage, problem, disagreement, beyondWasm2: beyond };
  };
  if (!module) return result("invalid", null);
  let exports: Record<string, unknown>;
  try {
    engine.bound();
    exports = new api.Instance(module, stubImports(bytes, api)).exports;
  } catch (e) {
    if (e instanceof api.RuntimeError) return result("start-trapped", null);
    if (isLinkError(e, api)) return result("link-error", null);
    return result("compiled", `instantiate threw ${describe(e)}`);
  }
  const args = zeroArgumentsByExport(bytes);
  for (const [name, fnArgs] of args) {
    try {
      engine.bound();
      (exports[name] as (...a: unknown[]) => unknown)(...fnArgs);
    } catch (e) {
      // A trap, or the JS API's TypeError for a v128 in the signature.
      if (!(e instanceof api.RuntimeError) && !(e instanceof TypeError)) {
        return result("instantiated", `export ${JSON.stringify(name)} threw ${describe(e)}`);
      }
    }
  }
  return result("instantiated", null);
}

function fail(nodeValid: boolean, stage: MutationCheck["stage"], problem: string): MutationCheck {
  return { valid: false, nodeValid, stage, problem, disagreement: null, beyondWasm2: null };
}

function isLinkError(e: unknown, api: object): boolean {
  return e instanceof (api as { LinkError: typeof Error }).LinkError;
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.constructor.name}: ${e.message}` : `a non-Error ${typeof e}`;
}

function nodeMessage(bytes: Uint8Array): string {
  try {
    new nodeEngine.api.Module(bytes);
    return "(compiles after all)";
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * Imports of the right kind and type for every import the module declares, made with the
 * engine's own API: functions return zeros, memories and tables have the minimum size.
 * Mutations can make imports that no object satisfies (a LinkError is then the right answer).
 */
function stubImports(bytes: Uint8Array, api: object): Record<string, Record<string, unknown>> {
  const js = api as {
    Memory: new (d: object) => object;
    Table: new (d: object) => object;
    Global: new (d: object, v: unknown) => object;
  };
  const out: Record<string, Record<string, unknown>> = {};
  const module = parseModule(bytes);
  for (const imp of module.imports) {
    out[imp.module] ??= {};
    const namespace = out[imp.module]!;
    const d = imp.desc;
    try {
      if (d.kind === ExternalKind.func) {
        const results = (module.types[d.typeIndex]?.results ?? []).map(zeroOf);
        namespace[imp.name] = () => (results.length > 1 ? results : results[0]);
      } else if (d.kind === ExternalKind.memory)
        namespace[imp.name] = new js.Memory({
          initial: d.type.limits.min,
          maximum: d.type.limits.max ?? undefined,
        });
      else if (d.kind === ExternalKind.table)
        namespace[imp.name] = new js.Table({
          element: d.type.elemType === ValType.funcref ? "anyfunc" : "externref",
          initial: d.type.limits.min,
          maximum: d.type.limits.max ?? undefined,
        });
      else if (d.kind === ExternalKind.global)
        namespace[imp.name] = new js.Global(
          { value: globalTypeName(d.type.type), mutable: d.type.mutable },
          undefined,
        );
    } catch {
      // Cannot be made (e.g. a huge memory): leave it out, instantiation gives the LinkError.
    }
  }
  return out;
}

function zeroOf(type: number): unknown {
  if (type === ValType.i64) return 0n;
  if (type === ValType.funcref || type === ValType.externref) return null;
  return 0;
}

function globalTypeName(type: number): string {
  const names: Record<number, string> = {
    [ValType.i32]: "i32",
    [ValType.i64]: "i64",
    [ValType.f32]: "f32",
    [ValType.f64]: "f64",
    [ValType.v128]: "v128",
    [ValType.funcref]: "anyfunc",
    [ValType.externref]: "externref",
  };
  return names[type] ?? "i32";
}
