import type { Code } from "@microwasm/core";
import type { InstanceContext } from "./instance-context.js";
import type { CellViews } from "./value-cells.js";
import type { Reference } from "./values.js";
import { Wasm } from "./wasm-ops.js";

interface ConstValue {
  /** The value's four cells (i32/f32 use the first, i64/f64 two, v128 all four). */
  readonly cells: [number, number, number, number];
  readonly ref: Reference;
}

function toBigInt(v: ConstValue): bigint {
  return (BigInt(v.cells[1]) << 32n) | BigInt(v.cells[0] >>> 0);
}

/**
 * Evaluates a validated constant expression into slot `cell` of `out`, working on raw cells
 * so float bit patterns (NaN payloads included) survive. Supports the 2.0 forms and the
 * extended-constant arithmetic (i32/i64 add, sub, mul).
 */
export function evaluateConstExpr(code: Code, ctx: InstanceContext, out: CellViews, cell: number): void {
  const stack: ConstValue[] = [];
  const { ops, starts } = code;
  for (let n = 0; n < code.count; n++) {
    const at = starts[n]!;
    const op = ops[at]!;
    switch (op) {
      case Wasm.i32Const:
      case Wasm.f32Const:
        stack.push({ cells: [ops[at + 1]!, 0, 0, 0], ref: null });
        break;
      case Wasm.i64Const:
      case Wasm.f64Const:
        stack.push({ cells: [ops[at + 1]!, ops[at + 2]!, 0, 0], ref: null });
        break;
      case Wasm.v128Const:
        stack.push({ cells: [ops[at + 1]!, ops[at + 2]!, ops[at + 3]!, ops[at + 4]!], ref: null });
        break;
      case Wasm.globalGet: {
        const g = ctx.globals[ops[at + 1]!]!.cells;
        stack.push({ cells: [g.i32[0]!, g.i32[1]!, g.i32[2]!, g.i32[3]!], ref: g.refs[0] ?? null });
        break;
      }
      case Wasm.refNull:
        stack.push({ cells: [0, 0, 0, 0], ref: null });
        break;
      case Wasm.refFunc:
        stack.push({ cells: [0, 0, 0, 0], ref: ctx.functions[ops[at + 1]!]! });
        break;
      case Wasm.i32Add:
      case Wasm.i32Sub:
      case Wasm.i32Mul: {
        const b = stack.pop()!.cells[0];
        const a = stack.pop()!.cells[0];
        const r = op === Wasm.i32Add ? (a + b) | 0 : op === Wasm.i32Sub ? (a - b) | 0 : Math.imul(a, b);
        stack.push({ cells: [r, 0, 0, 0], ref: null });
        break;
      }
      case Wasm.i64Add:
      case Wasm.i64Sub:
      case Wasm.i64Mul: {
        const b = toBigInt(stack.pop()!);
        const a = toBigInt(stack.pop()!);
        const r = BigInt.asIntN(64, op === Wasm.i64Add ? a + b : op === Wasm.i64Sub ? a - b : a * b);
        stack.push({
          cells: [Number(r & 0xffffffffn) | 0, Number((r >> 32n) & 0xffffffffn) | 0, 0, 0],
          ref: null,
        });
        break;
      }
      case Wasm.end:
        break;
      default:
        throw new Error(`interpreter: opcode ${op} in a constant expression`);
    }
  }
  const result = stack[0]!;
  for (let i = 0; i < 4; i++) out.i32[cell + i] = result.cells[i as 0 | 1 | 2 | 3];
  out.refs[cell >> 2] = result.ref;
}
