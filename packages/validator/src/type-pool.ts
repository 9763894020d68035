import type { FuncType } from "@microwasm/core";

/** Every value type, each stored once at the pool's start for single-result block types. */
const SINGLE_TYPES = [0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f, 0x69] as const;

/**
 * All parameter and result types of the module's type section in one `Uint8Array`, so that a
 * control frame or a call names its types as a (start, count) range instead of holding arrays.
 */
export class TypePool {
  readonly types: Uint8Array;
  /** Per type index. */
  readonly paramStart: Int32Array;
  readonly paramCount: Int32Array;
  readonly resultStart: Int32Array;
  readonly resultCount: Int32Array;
  readonly typeCount: number;
  private readonly singleSlot = new Int8Array(128).fill(-1);

  constructor(funcTypes: readonly FuncType[]) {
    let size = SINGLE_TYPES.length;
    for (const t of funcTypes) size += t.params.length + t.results.length;
    this.types = new Uint8Array(size);
    this.typeCount = funcTypes.length;
    this.paramStart = new Int32Array(funcTypes.length);
    this.paramCount = new Int32Array(funcTypes.length);
    this.resultStart = new Int32Array(funcTypes.length);
    this.resultCount = new Int32Array(funcTypes.length);
    SINGLE_TYPES.forEach((type, slot) => {
      this.types[slot] = type;
      this.singleSlot[type] = slot;
    });
    let at = SINGLE_TYPES.length;
    funcTypes.forEach((t, index) => {
      this.paramStart[index] = at;
      this.paramCount[index] = t.params.length;
      for (const p of t.params) this.types[at++] = p;
      this.resultStart[index] = at;
      this.resultCount[index] = t.results.length;
      for (const r of t.results) this.types[at++] = r;
    });
  }

  /** Start of a one-element range holding value type `type`, or -1 if `type` is no value type. */
  single(type: number): number {
    return type >= 0 && type < 128 ? this.singleSlot[type]! : -1;
  }
}
