import type { Code, FuncType, GlobalType, Module, TableType, ValType } from "@microwasm/core";

/**
 * A validated function body with the side tables execution needs, indexed by instruction
 * number n (0 .. code.count-1; instruction n starts at `code.ops[code.starts[n]]`).
 *
 * `maxHeight` is computed during validation. The per-instruction tables (`heights`,
 * `matchingEnd`, `matchingElse`, `operandType`) are computed on first access of any of them, by
 * validating the body again with recording on, and then kept: a compiler that mirrors the
 * operand stack itself never pays for them.
 */
export interface ValidatedFunction {
  /** Index in the module's function index space (imports first). */
  readonly funcIndex: number;
  readonly type: FuncType;
  /** Types of all locals: the parameters first, then the declared locals expanded. */
  readonly locals: readonly ValType[];
  readonly code: Code;
  /**
   * Operand stack height (number of values, locals not counted) before instruction n, or -1
   * when instruction n is unreachable (it follows `unreachable`, `br`, `br_table` or `return`
   * in its block). For `else` and `end` the height is the one before the instruction as
   * written, -1 when the code that precedes it is unreachable.
   *
   * "Unreachable" is the validator's notion (the spec's polymorphic stack): a block, loop or if
   * that *opens* in unreachable code starts a fresh frame, so its contents get ordinary
   * heights (>= 0) although they can never run. Those heights are self-consistent (they count
   * the values the validator tracks in the dead code before the block, on top of the enclosing
   * frame's start height), so such code can be compiled like any other or skipped. After the
   * `end` of such a block the enclosing frame's code is unreachable again (-1).
   */
  readonly heights: Int32Array;
  /**
   * The largest operand stack height reached anywhere in the body: the maximum over every
   * instruction n with heights[n] >= 0 of the heights before and after it. Values pushed in
   * unreachable code (heights -1) are not counted.
   */
  readonly maxHeight: number;
  /**
   * Whether any `block`, `loop` or `if` of the body has parameters (a multi-value block type):
   * without them, a compiler need not look for the values an `if` must keep for its `else`.
   */
  readonly hasBlockParams: boolean;
  /** The number of legacy `try` blocks (each keeps its caught exception for `rethrow`). */
  readonly tryCount: number;
  /** For `block`, `loop`, `if` and `else`: the instruction number of the matching `end`; else -1. */
  readonly matchingEnd: Int32Array;
  /** For `if`: the instruction number of its `else`, or -1 when it has none; else -1. */
  readonly matchingElse: Int32Array;
  /**
   * For `select` (both encodings) and `drop`: the value type of the operand(s) selected or
   * dropped (the type byte); for unreachable instructions or when the operand is of unknown
   * type (polymorphic stack), 0. For other instructions, 0.
   */
  readonly operandType: Uint8Array;
}

/**
 * Side-table storage: a function's `heights`, `matchingEnd`, `matchingElse` and `operandType`
 * are views into one `ArrayBuffer` of its own; do not transfer or resize it.
 */
export interface ValidatedModule {
  readonly module: Module;
  /** Type of every function in the index space (imports first). */
  readonly funcTypes: readonly FuncType[];
  /** Type of every global in the index space (imports first). */
  readonly globalTypes: readonly GlobalType[];
  /** Type of every table in the index space (imports first). */
  readonly tableTypes: readonly TableType[];
  /** One entry per function defined in the module, in order. */
  readonly functions: readonly ValidatedFunction[];
}
