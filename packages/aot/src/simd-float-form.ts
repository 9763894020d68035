import { opcodeById, PREFIX_FD_BASE } from "@microwasm/core";
import type { ValidatedFunction } from "@microwasm/validator";
import { cellOf, type SimdEmitter, simdInstruction, v128Words } from "./simd-source.js";

/**
 * f32x4 arithmetic without the scratch round trip per operation. The result of an f32x4
 * add/sub/mul/div/min/max/sqrt is held as four doubles (its lanes, each `Math.fround`ed:
 * `x<h>_<k>`), the "float form", until the next instruction that reads it: another of those
 * operations takes it as it is, `v128.store` writes it with `setFloat32`, and anything else
 * first gets its words back through the scratch cells (`VF[k] = x; s = VS[k]`), the same
 * conversion the interpreter's typed-array store makes. A `v128.load` whose value goes
 * straight into one of those operations reads floats (`getFloat32`): the interpreter's float
 * view widens the same bits the same way, a signalling NaN included; so do an f32x4.splat and
 * a shuffle that broadcasts one 32-bit lane, read that way. Values cross no control flow in
 * float form (every branch, block end, call or local sees words).
 */

/** The f32x4 operations that take and give the float form, by SIMD sub-opcode. */
const floatArithmetic = new Map<number, (a: string, b: string) => string>([
  [0xe4, (a, b) => `${a} + ${b}`],
  [0xe5, (a, b) => `${a} - ${b}`],
  [0xe6, (a, b) => `${a} * ${b}`],
  [0xe7, (a, b) => `${a} / ${b}`],
  [0xe8, (a, b) => `Math.min(${a}, ${b})`],
  [0xe9, (a, b) => `Math.max(${a}, ${b})`],
]);
const SQRT = 0xe3;
const LOAD = PREFIX_FD_BASE + 0x00;
const SHUFFLE = PREFIX_FD_BASE + 0x0d;
const F32X4_SPLAT = PREFIX_FD_BASE + 0x13;
const STORE = PREFIX_FD_BASE + 0x0b;
const isFloatArithmetic = (op: number): boolean =>
  op >= PREFIX_FD_BASE && (floatArithmetic.has(op - PREFIX_FD_BASE) || op - PREFIX_FD_BASE === SQRT);

/** Instructions that only push (consts, local.get, global.get, v128.const): they read no operand. */
const isPushOnly = (op: number): boolean =>
  op === 0x20 || op === 0x23 || (op >= 0x41 && op <= 0x44) || op === PREFIX_FD_BASE + 0x0c;

/** The float-form lanes of the v128 at height h. */
const lanes = (h: number): string[] => [0, 1, 2, 3].map((k) => `x${h}_${k}`);
const words = (h: number): readonly string[] => v128Words(`s${h}`, `t${h}`);

export class SimdTranslation {
  /** Per height: whether the v128 there is in float form. */
  private readonly floatForm: boolean[] = [];
  /** Heights whose float-form variables are used (declared by the function). */
  private readonly used = new Set<number>();

  constructor(
    private readonly fn: ValidatedFunction,
    private readonly out: SimdEmitter,
  ) {}

  /** The `let` declarations of the float-form variables used. */
  declarations(): string[] {
    return [...this.used].flatMap((h) => lanes(h).map((x) => `${x} = 0`));
  }

  /**
   * Before instruction `op` on a stack of height h: every value in float form it reads, or
   * that control flow would carry, gets its words back (float-form operations read them as
   * they are).
   */
  settle(op: number, h: number): void {
    if (!this.floatForm.includes(true) || isPushOnly(op)) return;
    if (op === 0x1a) {
      this.floatForm[h - 1] = false; // drop
      return;
    }
    const info = opcodeById(op);
    let low = 0;
    if (isFloatArithmetic(op)) low = h;
    else if (op === STORE && this.floatForm[h - 1] === true) low = h;
    else if (op > 0x26 && info?.params) low = h - info.params.length;
    for (let k = low; k < this.floatForm.length; k++) {
      if (this.floatForm[k] !== true) continue;
      const x = lanes(k);
      const w = words(k);
      this.out.emit(
        `${x.map((v, j) => `VF[${j}] = ${v};`).join(" ")} ${w.map((v, j) => `${v} = VS[${j}];`).join(" ")}`,
      );
      this.floatForm[k] = false;
    }
  }

  /** Translates SIMD instruction n (`op` at `at`) on a stack of height h. */
  instruction(n: number, op: number, h: number, ops: Int32Array, at: number): void {
    const sub = op - PREFIX_FD_BASE;
    const arithmetic = floatArithmetic.get(sub);
    if (arithmetic !== undefined) {
      const a = this.operand(h - 2, 0);
      const b = this.operand(h - 1, 4);
      this.result(
        h - 2,
        a.map((x, k) => arithmetic(x, b[k]!)),
      );
    } else if (sub === SQRT) {
      const a = this.operand(h - 1, 0);
      this.result(
        h - 1,
        a.map((x) => `Math.sqrt(${x})`),
      );
    } else if (op === STORE && this.floatForm[h - 1] === true) {
      const offset = ops[at + 3]! >>> 0;
      const addr = `s${h - 2}`;
      const e = offset === 0 ? `${addr} >>> 0` : `(${addr} >>> 0) + ${offset}`;
      const x = lanes(h - 1);
      // The last lane first: out of bounds, it throws before anything is written.
      this.out.emit(
        `{ const e = ${e}; DV.setFloat32(e + 12, ${x[3]}, true); DV.setFloat32(e, ${x[0]}, true); DV.setFloat32(e + 4, ${x[1]}, true); DV.setFloat32(e + 8, ${x[2]}, true); }`,
      );
      this.floatForm[h - 1] = false;
    } else if (op === SHUFFLE && this.broadcastCell(ops, at) >= 0 && this.feedsFloatArithmetic(n, h - 2)) {
      const cell = this.broadcastCell(ops, at);
      const source = [...words(h - 2), ...words(h - 1)][cell]!;
      this.broadcast(h - 2, `VS[0] = ${source};`, "VF[0]");
    } else if (op === F32X4_SPLAT && this.feedsFloatArithmetic(n, h - 1)) {
      // The scalar is the f32's value (a NaN encoded: arithmetic drops what differs, see float-bits.ts).
      this.broadcast(h - 1, "", `s${h - 1}`);
    } else if (op === LOAD && this.feedsFloatArithmetic(n, h - 1)) {
      const offset = ops[at + 3]! >>> 0;
      const addr = `s${h - 1}`;
      const e = offset === 0 ? `${addr} >>> 0` : `(${addr} >>> 0) + ${offset}`;
      const x = lanes(h - 1);
      this.used.add(h - 1);
      this.out.emit(
        `{ const e = ${e}; ${x.map((v, k) => `${v} = DV.getFloat32(e + ${4 * k}, true);`).join(" ")} }`,
      );
      this.floatForm[h - 1] = true;
    } else {
      simdInstruction(op, h, ops, at, this.out);
    }
  }

  /** The whole 32-bit cell (0-7 of a ++ b) a shuffle puts in every lane, else -1. */
  private broadcastCell(ops: Int32Array, at: number): number {
    const cell = cellOf(ops[at + 1]!);
    return ops[at + 2] === ops[at + 1] && ops[at + 3] === ops[at + 1] && ops[at + 4] === ops[at + 1]
      ? cell
      : -1;
  }

  /** The v128 at `height` in float form, every lane `value` (after `setup`). */
  private broadcast(height: number, setup: string, value: string): void {
    const x = lanes(height);
    this.used.add(height);
    this.out.emit(`${setup} { const v = ${value}; ${x.map((lane) => `${lane} = v;`).join(" ")} }`);
    this.floatForm[height] = true;
  }

  /**
   * The lanes of the operand at height `height` as float expressions: its float form, or
   * its words put in the scratch cells from `cell` and read through `VF`.
   */
  private operand(height: number, cell: number): string[] {
    if (this.floatForm[height] === true) {
      this.floatForm[height] = false;
      return lanes(height);
    }
    this.out.emit(
      words(height)
        .map((w, k) => `VS[${cell + k}] = ${w};`)
        .join(" "),
    );
    return [0, 1, 2, 3].map((k) => `VF[${cell + k}]`);
  }

  private result(height: number, values: readonly string[]): void {
    const x = lanes(height);
    this.used.add(height);
    // Every lane is computed before any is written: an operand may be this height's own lanes.
    this.out.emit(
      `{ ${values.map((v, k) => `const r${k} = Math.fround(${v});`).join(" ")} ${x.map((v, k) => `${v} = r${k};`).join(" ")} }`,
    );
    this.floatForm[height] = true;
  }

  /**
   * Whether the v128 instruction n leaves at `height` is read, with only operations on values
   * above it in between, by a float-form operation (not by a store: a signalling NaN must keep
   * its bits there).
   */
  private feedsFloatArithmetic(n: number, height: number): boolean {
    const { code, heights } = this.fn;
    for (let j = n + 1; j < code.count; j++) {
      const op = code.ops[code.starts[j]!]!;
      if (heights[j]! < 0) return false;
      const params = op > 0x26 ? opcodeById(op)?.params : null;
      const pops = isPushOnly(op) ? 0 : params ? params.length : -1;
      if (pops < 0) return false; // control flow, calls, locals: the value leaves as words
      if (heights[j]! - pops > height) continue; // reads only values pushed after it
      return isFloatArithmetic(op);
    }
    return false;
  }
}
