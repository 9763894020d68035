import { malformed, Reason } from "./reasons.js";
import { decodeUtf8, isValidUtf8 } from "./utf8.js";

/**
 * A single cursor over the module bytes, with the binary format's primitive values.
 *
 * Like the spec's reference decoder, a section's contents are read with the cursor bounded by
 * the end of the module, not of the section; the section's size is checked afterwards. That is
 * what makes our reasons the spec's (a function missing its `end` reads on into the next one and
 * reports "END opcode expected").
 *
 * LEB128 follows the spec's limits: an N-bit integer takes at most ceil(N/7) bytes ("integer
 * representation too long"), and the unused bits of the last byte must be zero for unsigned and
 * copies of the sign bit for signed integers ("integer too large").
 */
export class Reader {
  pos: number;
  /** High word of the last `s64()`. */
  hi = 0;

  constructor(
    readonly bytes: Uint8Array,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  u8(): number {
    if (this.pos >= this.end) throw malformed(Reason.unexpectedEnd, this.end);
    return this.bytes[this.pos++]!;
  }

  /** The next byte without consuming it, or -1 at the end. */
  peek(): number {
    return this.pos < this.end ? this.bytes[this.pos]! : -1;
  }

  /** A raw little-endian 32-bit word (magic, version, f32 bits). */
  word(): number {
    const p = this.pos;
    if (this.end - p < 4) {
      this.pos = this.end;
      throw malformed(Reason.unexpectedEnd, this.end);
    }
    const b = this.bytes;
    this.pos = p + 4;
    return b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24);
  }

  /** A reserved byte that must be zero (memory indices in 2.0). */
  zeroByte(): void {
    if (this.u8() !== 0) throw malformed(Reason.zeroByte, this.pos - 1);
  }

  /**
   * A one-byte signed type code (s7): value types, reference types, the function type form.
   * A continuation bit makes it too long; the caller checks the value.
   */
  typeCode(): number {
    const b = this.u8();
    if (b >= 0x80) throw malformed(Reason.integerTooLong, this.pos);
    return b;
  }

  /** A limits flag: an unsigned 1-bit LEB128 (0 or 1). */
  u1(): number {
    const b = this.u8();
    if ((b & 0x7f) > 1) throw malformed(Reason.integerTooLarge, this.pos - 1);
    if (b >= 0x80) throw malformed(Reason.integerTooLong, this.pos);
    return b;
  }

  u32(): number {
    const p = this.pos;
    if (p < this.end) {
      const b = this.bytes[p]!;
      if (b < 0x80) {
        this.pos = p + 1;
        return b;
      }
    }
    return this.u32Slow();
  }

  private u32Slow(): number {
    let result = 0;
    for (let i = 0; ; i++) {
      if (i === 5) throw malformed(Reason.integerTooLong, this.pos);
      const b = this.u8();
      // The fifth byte carries bits 28..31: its bits 4..6 must be zero.
      if (i === 4 && (b & 0x70) !== 0) throw malformed(Reason.integerTooLarge, this.pos - 1);
      result |= (b & 0x7f) << (7 * i);
      if (b < 0x80) return result >>> 0;
    }
  }

  /**
   * A vector length or byte count, checked against the bytes left from where the count starts
   * (as the reference decoder does), so no count can make us allocate beyond the input's size.
   */
  len32(): number {
    const start = this.pos;
    const n = this.u32();
    if (n > this.end - start) throw malformed(Reason.lengthOutOfBounds, start);
    return n;
  }

  s32(): number {
    const p = this.pos;
    if (p < this.end) {
      const b = this.bytes[p]!;
      if (b < 0x80) {
        this.pos = p + 1;
        return (b << 25) >> 25;
      }
    }
    return this.s32Slow();
  }

  private s32Slow(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; ; i++) {
      if (i === 5) throw malformed(Reason.integerTooLong, this.pos);
      const b = this.u8();
      if (i === 4) {
        const unused = b & 0x78; // bit 3 is the sign bit (bit 31); bits 4..6 must copy it
        if (unused !== 0 && unused !== 0x78) throw malformed(Reason.integerTooLarge, this.pos - 1);
      }
      result |= (b & 0x7f) << shift;
      shift += 7;
      if (b < 0x80) {
        if (shift < 32 && (b & 0x40) !== 0) result |= -1 << shift;
        return result;
      }
    }
  }

  /** A signed 33-bit integer (block types), as a number in [-2^32, 2^32). */
  s33(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; ; i++) {
      if (i === 5) throw malformed(Reason.integerTooLong, this.pos);
      const b = this.u8();
      if (i === 4) {
        const unused = b & 0x70;
        if (unused !== 0 && unused !== 0x70) throw malformed(Reason.integerTooLarge, this.pos - 1);
      }
      result += (b & 0x7f) * scale;
      scale *= 128;
      if (b < 0x80) return (b & 0x40) !== 0 ? result - scale : result;
    }
  }

  /** A signed 64-bit integer: returns the low word, leaves the high word in `hi`. */
  s64(): number {
    const p = this.pos;
    if (p < this.end) {
      const b = this.bytes[p]!;
      if (b < 0x80) {
        this.pos = p + 1;
        const lo = (b << 25) >> 25;
        this.hi = lo >> 31;
        return lo;
      }
    }
    return this.s64Slow();
  }

  private s64Slow(): number {
    let lo = 0;
    let hi = 0;
    let shift = 0;
    for (let i = 0; ; i++) {
      if (i === 10) throw malformed(Reason.integerTooLong, this.pos);
      const b = this.u8();
      if (i === 9) {
        // The tenth byte carries only bit 63: bits 1..6 must copy it.
        const unused = b & 0x7f;
        if (unused !== 0 && unused !== 0x7f) throw malformed(Reason.integerTooLarge, this.pos - 1);
      }
      const v = b & 0x7f;
      if (shift < 32) {
        lo |= v << shift;
        if (shift > 25) hi |= v >>> (32 - shift);
      } else {
        hi |= v << (shift - 32);
      }
      shift += 7;
      if (b < 0x80) {
        if ((b & 0x40) !== 0 && shift < 64) {
          if (shift < 32) {
            lo |= -1 << shift;
            hi = -1;
          } else {
            hi |= -1 << (shift - 32);
          }
        }
        this.hi = hi;
        return lo;
      }
    }
  }

  /** An unsigned 64-bit integer, as a number (exact below 2^53: sizes and offsets). */
  u64(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; ; i++) {
      if (i === 10) throw malformed(Reason.integerTooLong, this.pos);
      const b = this.u8();
      // The tenth byte carries only bit 63.
      if (i === 9 && (b & 0x7e) !== 0) throw malformed(Reason.integerTooLarge, this.pos - 1);
      result += (b & 0x7f) * scale;
      scale *= 128;
      if (b < 0x80) return result;
    }
  }

  /** Moves past the next `n` bytes. */
  skip(n: number): void {
    if (n > this.end - this.pos) {
      this.pos = this.end;
      throw malformed(Reason.unexpectedEnd, this.end);
    }
    this.pos += n;
  }

  /** A name: a length-prefixed, strictly validated UTF-8 string. */
  name(): string {
    const at = this.pos;
    const n = this.len32();
    const start = this.pos;
    if (n > this.end - start) {
      this.pos = this.end;
      throw malformed(Reason.unexpectedEnd, this.end);
    }
    const end = start + n;
    if (!isValidUtf8(this.bytes, start, end)) throw malformed(Reason.utf8, at);
    this.pos = end;
    return decodeUtf8(this.bytes, start, end);
  }
}
