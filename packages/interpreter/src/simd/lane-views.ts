/**
 * Typed-array views over one value stack (or scratch) buffer, one per lane shape. A v128 in the
 * slot whose first cell is `c` spans bytes `c << 2` to `(c << 2) + 15`: its i8 lanes are
 * `i8[(c << 2) + k]`, its i16 lanes `i16[(c << 1) + k]`, its i32 and f32 lanes `i32[c + k]` and
 * `f32[c + k]`, its f64 lanes `f64[(c >> 1) + k]`. Lane 0 is the lowest address: the buffer is
 * little-endian on every platform the interpreter runs on (as the f64/i64 cell layout assumes).
 */
export interface LaneViews {
  readonly u8: Uint8Array;
  readonly i8: Int8Array;
  readonly u16: Uint16Array;
  readonly i16: Int16Array;
  readonly i32: Int32Array;
  readonly f32: Float32Array;
  readonly f64: Float64Array;
}

export function createLaneViews(buffer: ArrayBuffer): LaneViews {
  return {
    u8: new Uint8Array(buffer),
    i8: new Int8Array(buffer),
    u16: new Uint16Array(buffer),
    i16: new Int16Array(buffer),
    i32: new Int32Array(buffer),
    f32: new Float32Array(buffer),
    f64: new Float64Array(buffer),
  };
}

/**
 * Where lane operations that move values across lanes (shuffles, narrowing, extending, pairwise
 * and extended arithmetic) build their result before copying it to its slot, which may be one
 * of their operands. Cells 0-3 hold the result; cells 4-11 are free for intermediates.
 */
export const scratch: LaneViews = createLaneViews(new ArrayBuffer(48));

/** Copies the result in scratch cells 0-3 to the slot at cell `d` of `i32`. */
export function storeScratch(i32: Int32Array, d: number): void {
  const s = scratch.i32;
  i32[d] = s[0]!;
  i32[d + 1] = s[1]!;
  i32[d + 2] = s[2]!;
  i32[d + 3] = s[3]!;
}
