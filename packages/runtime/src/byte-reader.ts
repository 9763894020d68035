/**
 * A cursor over custom-section and section-header bytes, for the few places the CLI reads
 * binary data the parser leaves opaque (dylink metadata, section sizes for `inspect`).
 */
export class ByteReader {
  offset = 0;
  constructor(readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.offset >= this.bytes.length;
  }

  u8(): number {
    if (this.offset >= this.bytes.length) throw new RangeError("unexpected end");
    return this.bytes[this.offset++]!;
  }

  /** An unsigned LEB128 of at most 32 bits. */
  u32(): number {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = this.u8();
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
    }
    throw new RangeError("integer representation too long");
  }

  name(): string {
    const length = this.u32();
    if (this.offset + length > this.bytes.length) throw new RangeError("unexpected end");
    const text = new TextDecoder().decode(this.bytes.subarray(this.offset, this.offset + length));
    this.offset += length;
    return text;
  }
}
