import type { FuncType } from "@microwasm/core";
import type { FunctionInstance } from "@microwasm/interpreter";
import type { ModuleInstance } from "./module-instance.js";

/** A function looked up in an instance (WAMR's `wasm_function_inst_t`). */
export class WasmFunction {
  /** @internal use `ModuleInstance.lookupFunction`. */
  constructor(
    readonly instance: ModuleInstance,
    readonly name: string,
    /** @internal */ readonly fn: FunctionInstance,
  ) {}

  get type(): FuncType {
    return this.fn.type;
  }
}
