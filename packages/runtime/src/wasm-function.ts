import type { FuncType } from "@microwasm/core";
import type { FunctionInstance } from "@microwasm/interpreter";
import type { ModuleInstance } from "./module-instance.js";
import { cellCount, hasReference } from "./value-cells.js";

/** What WAMR's cell convention needs to know of a function's type. */
export interface CellShape {
  readonly paramCells: number;
  readonly resultCells: number;
  readonly hasReferences: boolean;
}

/** A function looked up in an instance (WAMR's `wasm_function_inst_t`). */
export class WasmFunction {
  /** @internal use `ModuleInstance.lookupFunction`. */
  constructor(
    readonly instance: ModuleInstance,
    readonly name: string,
    /** @internal */ readonly fn: FunctionInstance,
  ) {}

  private shape: CellShape | undefined;

  get type(): FuncType {
    return this.fn.type;
  }

  /** @internal */
  get cells(): CellShape {
    const { params, results } = this.fn.type;
    this.shape ??= {
      paramCells: cellCount(params),
      resultCells: cellCount(results),
      hasReferences: hasReference(params) || hasReference(results),
    };
    return this.shape;
  }
}
