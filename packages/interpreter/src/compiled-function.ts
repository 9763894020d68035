import type { FuncType } from "@microwasm/core";

/** A function body translated to internal code (see `compile-function.ts` for the format). */
export interface CompiledFunction {
  readonly funcIndex: number;
  readonly type: FuncType;
  readonly code: Int32Array;
  /** Slots the frame needs: locals plus the operand stack's maximum height. */
  readonly frameSlots: number;
  /**
   * The first operand slot (after the locals and the save slots of `if` parameters): a call at
   * operand height h opens the callee's frame at slot `operandBase + h - params` (its arguments).
   */
  readonly operandBase: number;
  readonly paramCount: number;
  readonly localCount: number;
  /** Per local (after the parameters): its zero-initialisation kind (0 number/v128, 1 reference). */
  readonly localIsRef: Uint8Array;
  /** Exception handler records (see exceptions.ts), or null when the body catches nothing. */
  readonly handlers: Int32Array | null;
  /**
   * Pairs (internal pc, byte offset in the module) in pc order: where the code of each wasm
   * instruction that emitted any starts (a trap or call is always inside such code). Made when
   * first read (a trap's report), not when compiling.
   */
  readonly pcOffsets: Int32Array;
  readonly name: string | undefined;
}
