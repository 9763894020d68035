import type { WebAssemblyApi } from "./engine.js";

/**
 * The `spectest` import module the scripts link against, built from the engine's own classes so
 * that an engine sees only its own objects. One per script: scripts may write to its memory,
 * table and (through mutable re-exports) nothing else.
 */
export function createSpectest(api: WebAssemblyApi, print?: (line: string) => void): Record<string, unknown> {
  const log =
    (name: string) =>
    (...args: unknown[]): void => {
      print?.(`spectest.${name}(${args.map(String).join(", ")})`);
    };
  const spectest: Record<string, unknown> = {
    print: log("print"),
    print_i32: log("print_i32"),
    print_i64: log("print_i64"),
    print_f32: log("print_f32"),
    print_f64: log("print_f64"),
    print_i32_f32: log("print_i32_f32"),
    print_f64_f64: log("print_f64_f64"),
    global_i32: new api.Global({ value: "i32" }, 666),
    global_i64: new api.Global({ value: "i64" }, 666n),
    global_f32: new api.Global({ value: "f32" }, 666.6),
    global_f64: new api.Global({ value: "f64" }, 666.6),
    table: new api.Table({ element: "anyfunc", initial: 10, maximum: 20 }),
    memory: new api.Memory({ initial: 1, maximum: 2 }),
  };
  try {
    spectest["shared_memory"] = new api.Memory({ initial: 1, maximum: 2, shared: true });
  } catch {
    // An engine without threads has no shared memory; scripts that import it fail to link.
  }
  return spectest;
}
