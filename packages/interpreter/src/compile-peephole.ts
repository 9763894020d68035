import { OperandStack } from "./compile-operand-stack.js";
import { Internal } from "./internal-ops.js";
import {
  chainedForm,
  chosen,
  countedForm,
  fusedBranch,
  i32ImmediateForm,
  i32Swapped,
  i64ImmediateForm,
} from "./superinstructions.js";
import { Wasm } from "./wasm-ops.js";

/**
 * The glue of the superinstruction rules (superinstructions.ts): each looks at the instruction
 * just emitted (`lastProducerOf`), and when a rule fuses it with the one being translated,
 * drops it and emits the fused instruction instead.
 */
export class PeepholeCompiler extends OperandStack {
  /**
   * For an i32 binary `op` of `a` and `b` where one is a constant just emitted that folds into
   * an immediate (see superinstructions.ts): the other operand's location, with the immediate
   * form in `chosen`; else -1.
   */
  protected i32ImmediateOperand(op: number, a: number, b: number): number {
    const start = this.lastStart;
    if (this.lastProducerOf(b) === Wasm.i32Const)
      return i32ImmediateForm(op, this.out.at(start + 2)) ? a : -1;
    if (this.lastProducerOf(a) === Wasm.i32Const) {
      const swapped = i32Swapped(op);
      return swapped !== null && i32ImmediateForm(swapped, this.out.at(start + 2)) ? b : -1;
    }
    return -1;
  }

  /**
   * Emits `dst = a op b` with an i64 constant `b` just emitted folded in as an immediate (see
   * superinstructions.ts); returns false when no rule applies.
   */
  protected emitWithI64Immediate(op: number, dst: number, a: number, b: number): boolean {
    if (this.lastProducerOf(b) !== Wasm.i64Const) return false;
    const start = this.lastStart;
    const lo = this.out.at(start + 2);
    const hi = this.out.at(start + 3);
    if (op === Wasm.i64Mul) {
      // i64.mul by a constant: the constant is still written to its (dead) slot, by the same
      // instruction, so the multiply stays the one-machine-instruction BigInt64Array product
      this.dropLast();
      this.emit5(Internal.i64MulImm, dst, a, b, lo);
      this.out.push1(hi);
      return true;
    }
    if (!i64ImmediateForm(op, lo, hi)) return false;
    this.dropLast();
    this.emit5(chosen.op, dst, a, chosen.x, chosen.y);
    return true;
  }

  /**
   * A binary op whose operand the instruction just before computed, for the pairs that chain in
   * arithmetic code (see `chainedForm`), and `f64.mul` of a value just loaded (f64.mul_load_at).
   * Returns false when none applies.
   */
  protected emitChained(op: number, dst: number, a: number, b: number): boolean {
    if (op !== Wasm.f64Add && op !== Wasm.f64Mul && op !== Wasm.i32Add && op !== Wasm.i32And) return false;
    const start = this.lastStart;
    let other: number;
    let producer = this.lastProducerOf(b);
    if (producer >= 0) {
      other = a;
    } else {
      producer = this.lastProducerOf(a);
      other = b;
    }
    const fused = chainedForm(op, producer);
    if (op === Wasm.f64Mul && producer === Internal.f64LoadAt) {
      // f64.mul by a value just loaded from base + c: [op, dst, a, base, offset, c]
      const base = this.out.at(start + 2);
      const offset = this.out.at(start + 3);
      const c = this.out.at(start + 4);
      this.dropLast();
      this.offsetFromProducer = true; // only the load can trap
      this.emit5(Internal.f64MulLoadAt, dst, other, base, offset);
      this.out.push1(c);
      return true;
    }
    if (fused < 0) return false;
    const x = this.out.at(start + 2);
    const y = this.out.at(start + 3);
    this.dropLast();
    this.emit5(fused, dst, other, x, y);
    return true;
  }

  /**
   * Emits a conditional jump to `target` taken when the i32 at `cond` is non-zero (zero when
   * `negate`), spending `weight` fuel when taken (back-edges only). A compare or `i32.eqz` that
   * just computed `cond` is fused into the branch. Returns the code position of the target.
   */
  protected emitCondBranch(cond: number, negate: boolean, target: number, weight: number): number {
    const producer = this.lastProducerOf(cond);
    if (producer === Wasm.i32Eqz) {
      // i32.eqz: branch on its operand with the sense flipped
      const operand = this.out.at(this.lastStart + 2);
      this.dropLast();
      return this.emitCondBranch(operand, !negate, target, weight);
    }
    if (producer >= 0) {
      const start = this.lastStart;
      if (fusedBranch(producer, this.out.at(start + 2), this.out.at(start + 3), negate)) {
        const { op, x, y } = chosen;
        this.dropLast();
        if (this.emitCountedBranch(op, x, y, target, weight)) return this.out.length - 2;
        this.emit5(op, x, y, target, weight);
        return this.out.length - 2;
      }
    }
    if (weight > 0) {
      this.emit4(negate ? Internal.brUnlessLoop : Internal.brIfLoop, cond, target, weight);
      return this.out.length - 2;
    }
    this.emit3(negate ? Internal.brUnless : Internal.brIf, cond, target);
    return this.out.length - 1;
  }

  /**
   * A loop counter's step and test as one instruction: an `i32.add` into x (of a constant or a
   * register) just before a compare-and-branch on x becomes [op, x, a, b, other, target, weight]
   * (see `countedForm`). Returns false when the code does not have that shape.
   */
  protected emitCountedBranch(op: number, x: number, y: number, target: number, weight: number): boolean {
    const start = this.lastStart;
    if (start < 0 || start + 4 !== this.out.length || this.labelAt === this.out.length) return false;
    const add = this.out.at(start);
    if (add !== Internal.i32AddImm && add !== Wasm.i32Add) return false;
    const dst = this.out.at(start + 1);
    let other: number;
    if (x === dst) other = y;
    else if ((op === Internal.brIfNe || op === Internal.brIfEq) && y === dst) other = x;
    else return false;
    const fused = countedForm(add, op);
    if (fused < 0) return false;
    const a = this.out.at(start + 2);
    const b = this.out.at(start + 3);
    this.rewind(start);
    this.lastStart = start;
    this.out.push(fused, dst, a);
    this.out.push(b, other, target);
    this.out.push1(weight);
    this.lastDst = -1;
    return true;
  }
}
