import type { Code, FuncType, FunctionBody, ValType } from "@microwasm/core";
import type { SideTables } from "./side-tables.js";
import type { FunctionValidator } from "./validate-function.js";
import type { ValidatedFunction } from "./validated-module.js";

/**
 * A validated body whose per-instruction side tables are computed on first access.
 *
 * Recording `heights`, `matchingEnd`, `matchingElse` and `operandType` for every body costs 13
 * bytes per instruction (61 MB for esbuild.wasm) and a store per instruction, and the
 * interpreter's compiler reads none of them (it mirrors the stack itself and needs only
 * `maxHeight`). So validation records only `maxHeight`; the first read of any table validates
 * the body once more, with the same validator and module context and recording on, and keeps
 * all four. The second run repeats the first exactly (the context does not change once function
 * bodies are being validated), so the tables are those an eager pass would have recorded.
 */
export class ValidatedBody implements ValidatedFunction {
  readonly funcIndex: number;
  readonly type: FuncType;
  readonly locals: readonly ValType[];
  readonly code: Code;
  readonly maxHeight: number;
  readonly hasBlockParams: boolean;
  readonly tryCount: number;
  private readonly body: FunctionBody;
  private readonly validator: FunctionValidator;
  private tables: SideTables | null;

  constructor(
    funcIndex: number,
    type: FuncType,
    locals: readonly ValType[],
    body: FunctionBody,
    maxHeight: number,
    hasBlockParams: boolean,
    tryCount: number,
    validator: FunctionValidator,
    tables: SideTables | null,
  ) {
    this.funcIndex = funcIndex;
    this.type = type;
    this.locals = locals;
    this.code = body.code;
    this.maxHeight = maxHeight;
    this.hasBlockParams = hasBlockParams;
    this.tryCount = tryCount;
    this.body = body;
    this.validator = validator;
    this.tables = tables;
  }

  get heights(): Int32Array {
    return this.sideTables().heights;
  }

  get matchingEnd(): Int32Array {
    return this.sideTables().matchingEnd;
  }

  get matchingElse(): Int32Array {
    return this.sideTables().matchingElse;
  }

  get operandType(): Uint8Array {
    return this.sideTables().operandType;
  }

  private sideTables(): SideTables {
    if (this.tables === null) this.tables = this.validator.sideTables(this.funcIndex, this.type, this.body);
    return this.tables;
  }
}
