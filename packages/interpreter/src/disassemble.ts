import { opcodeById, PREFIX_FD_BASE } from "@microwasm/core";
import type { CompiledModule } from "./compile-module.js";
import type { CompiledFunction } from "./compiled-function.js";
import { instructionById, type Operand, type OperandKind } from "./internal-ops.js";
import { simdImmediateNames } from "./simd/simd-code.js";

const bits = new DataView(new ArrayBuffer(8));

/** One operand's value as text: slots as `s3`, jump targets as `@12`, immediates as numbers. */
function render(kind: OperandKind, code: Int32Array, at: number): string {
  const word = code[at]!;
  switch (kind) {
    case "slot":
      return `s${word >> 2}`;
    case "pc":
      return `@${word}`;
    case "u32":
      return String(word >>> 0);
    case "i64":
      return String(BigInt.asIntN(64, (BigInt(code[at + 1]!) << 32n) | BigInt(word >>> 0)));
    case "f32":
      bits.setInt32(0, word, true);
      return String(bits.getFloat32(0, true));
    case "f64":
      bits.setInt32(0, word, true);
      bits.setInt32(4, code[at + 1]!, true);
      return String(bits.getFloat64(0, true));
    default:
      return String(word);
  }
}

/** Renders `operands` from `code[at]` on; returns the text and where the next word is. */
function renderOperands(operands: readonly Operand[], code: Int32Array, at: number, out: string[]): number {
  for (const operand of operands) {
    out.push(`${operand.name}=${render(operand.kind, code, at)}`);
    at += operand.kind === "i64" || operand.kind === "f64" ? 2 : 1;
  }
  return at;
}

/** A SIMD instruction at `pc`: [simd, sub-opcode, dst?, operands..., immediates...]. */
function renderSimd(code: Int32Array, pc: number, out: string[]): { name: string; next: number } {
  const sub = code[pc + 1]!;
  const info = opcodeById(PREFIX_FD_BASE + sub);
  if (info === undefined || info.params === null || info.results === null) {
    throw new Error(`internal code: unknown SIMD sub-opcode ${sub} at pc ${pc}`);
  }
  let at = pc + 2;
  if (info.results.length > 0) out.push(`dst=s${code[at++]! >> 2}`);
  for (let i = 0; i < info.params.length; i++)
    out.push(`${String.fromCharCode(97 + i)}=s${code[at++]! >> 2}`);
  for (const name of simdImmediateNames(sub)) out.push(`${name}=${code[at++]!}`);
  return { name: info.name, next: at };
}

/**
 * A compiled function's internal code as text, one instruction per line: its pc, the op's
 * name and its operands named by the instruction set's layouts (slots as `s3`, jump targets as
 * `@12`), after a header line. Throws when the code holds an op the instruction set lacks (a
 * compiler bug, never bad input).
 */
export function disassemble(fn: CompiledFunction): string {
  const { code } = fn;
  const lines = [
    `func ${fn.funcIndex}${fn.name === undefined ? "" : ` ${fn.name}`}: ${fn.paramCount} params, ` +
      `${fn.localCount - fn.paramCount} locals, ${fn.frameSlots} frame slots, ${code.length} words`,
  ];
  for (let pc = 0; pc < code.length; ) {
    const op = instructionById(code[pc]!);
    if (op === undefined) throw new Error(`internal code: unknown op ${code[pc]} at pc ${pc}`);
    const operands: string[] = [];
    let name = op.name;
    let next: number;
    if (op.operands[0]?.kind === "simd") {
      ({ name, next } = renderSimd(code, pc, operands));
    } else {
      next = renderOperands(op.operands, code, pc + 1, operands);
      if (op.tail !== null) {
        const count = code[next - 1]!; // the last fixed operand counts the tail
        for (let i = 0; i < count; i++) {
          const group: string[] = [];
          next = renderOperands(op.tail, code, next, group);
          operands.push(op.tail.length === 1 ? group[0]! : `(${group.join(" ")})`);
        }
      }
    }
    lines.push(`${String(pc).padStart(6)}  ${name.padEnd(22)} ${operands.join(" ")}`.trimEnd());
    pc = next;
  }
  return `${lines.join("\n")}\n`;
}

/** Every function of a compiled module, disassembled (see `disassemble`), in index order. */
export function disassembleModule(compiled: CompiledModule): string {
  return compiled.functions.map(disassemble).join("\n");
}
