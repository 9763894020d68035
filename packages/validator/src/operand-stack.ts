import { valTypeName } from "@microwasm/core";
import { fail } from "./invalid.js";

/** The type of an operand whose type the polymorphic stack leaves open ("Unknown" in the spec). */
export const UNKNOWN = 0;

/**
 * The operand stack of the spec's validation algorithm, as value type bytes in a growable
 * `Uint8Array`. `floor` and `polymorphic` mirror the innermost control frame (its start height
 * and whether its code became unreachable), so popping needs no look at the control stack.
 */
export class OperandStack {
  types: Uint8Array = new Uint8Array(256);
  height = 0;
  floor = 0;
  polymorphic = false;

  reset(): void {
    this.height = 0;
    this.floor = 0;
    this.polymorphic = false;
  }

  push(type: number): void {
    if (this.height === this.types.length) this.grow();
    this.types[this.height++] = type;
  }

  /** Pops any operand; `UNKNOWN` when the polymorphic stack supplies it. */
  pop(): number {
    if (this.height === this.floor) {
      if (this.polymorphic) return UNKNOWN;
      fail("type mismatch", "instruction requires an operand but the stack is empty");
    }
    return this.types[--this.height]!;
  }

  /** Pops an operand of type `expect`; returns the actual type (`UNKNOWN` when polymorphic). */
  popExpect(expect: number): number {
    if (this.height === this.floor) {
      if (this.polymorphic) return UNKNOWN;
      fail("type mismatch", `instruction requires ${valTypeName(expect)} but the stack is empty`);
    }
    const actual = this.types[--this.height]!;
    if (actual !== expect && actual !== UNKNOWN) {
      fail(
        "type mismatch",
        `instruction requires ${valTypeName(expect)} but the stack has ${valTypeName(actual)}`,
      );
    }
    return actual;
  }

  /** Pops `count` operands whose types are `pool[start .. start+count)`, last first. */
  popTypes(pool: Uint8Array, start: number, count: number): void {
    for (let i = start + count - 1; i >= start; i--) this.popExpect(pool[i]!);
  }

  pushTypes(pool: Uint8Array, start: number, count: number): void {
    for (let i = start; i < start + count; i++) this.push(pool[i]!);
  }

  /**
   * Pops `params` operands typed `pool[start ..)` and pushes `results` typed as what follows
   * them: the whole effect of an op with a fixed signature. The common case (operands present,
   * room to push) runs on locals without per-operand calls.
   */
  apply(pool: Uint8Array, start: number, params: number, results: number): void {
    let h = this.height;
    const types = this.types;
    if (h - this.floor < params || h - params + results > types.length) {
      this.popTypes(pool, start, params);
      this.pushTypes(pool, start + params, results);
      return;
    }
    for (let i = start + params - 1; i >= start; i--) {
      const actual = types[--h]!;
      const expect = pool[i]!;
      if (actual !== expect && actual !== UNKNOWN) {
        fail(
          "type mismatch",
          `instruction requires ${valTypeName(expect)} but the stack has ${valTypeName(actual)}`,
        );
      }
    }
    for (let i = start + params, end = i + results; i < end; i++) types[h++] = pool[i]!;
    this.height = h;
  }

  /**
   * Checks, without popping, that the top `count` operands match `pool[start ..)`. In
   * polymorphic code, missing operands are first materialised as `UNKNOWN` just above the floor
   * (what the spec's `push_vals(pop_vals(...))` leaves behind), so repeated checks against
   * different labels (`br_table`) see the same operands.
   */
  checkTop(pool: Uint8Array, start: number, count: number): void {
    const available = this.height - this.floor;
    if (available < count) {
      if (!this.polymorphic)
        fail("type mismatch", `instruction requires ${count} operands but the stack has ${available}`);
      const missing = count - available;
      while (this.height + missing > this.types.length) this.grow();
      this.types.copyWithin(this.floor + missing, this.floor, this.height);
      this.types.fill(UNKNOWN, this.floor, this.floor + missing);
      this.height += missing;
    }
    const base = this.height - count;
    for (let i = 0; i < count; i++) {
      const actual = this.types[base + i]!;
      const expect = pool[start + i]!;
      if (actual !== expect && actual !== UNKNOWN) {
        fail(
          "type mismatch",
          `instruction requires ${valTypeName(expect)} but the stack has ${valTypeName(actual)}`,
        );
      }
    }
  }

  /** Drops everything above the floor and makes the stack polymorphic (after br, return...). */
  setUnreachable(): void {
    this.height = this.floor;
    this.polymorphic = true;
  }

  private grow(): void {
    const bigger = new Uint8Array(this.types.length * 2);
    bigger.set(this.types);
    this.types = bigger;
  }
}
