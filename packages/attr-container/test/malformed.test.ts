import { describe, expect, it } from "vitest";
import { AttrContainer, AttrContainerError, type AttrContainerErrorKind } from "../src/index.js";
import { hex, zeroPadded } from "./bytes.js";

function failure(bytes: Uint8Array): AttrContainerError {
  try {
    AttrContainer.fromBytes(bytes);
  } catch (e) {
    if (e instanceof AttrContainerError) return e;
    throw e;
  }
  throw new Error("accepted");
}

// A header for tag "" whose total_length is `total`, followed by attr_num.
const head = (total: number, attrNum = 1) => {
  const b = hex("00 00 00 00 00 00 01 00 00", "00 00");
  new DataView(b.buffer).setUint32(2, total, true);
  new DataView(b.buffer).setUint16(9, attrNum, true);
  return b;
};

describe("malformed bytes", () => {
  it.each<[string, Uint8Array, AttrContainerErrorKind, number]>([
    ["fewer than 6 bytes", hex("00 00 6b 00 00"), "truncated", 5],
    ["total_length past the input", hex("00 00 6b 00 00 00 01 00 00 00 00"), "truncated", 2],
    ["no room for the tag length", hex("00 00 03 00 00 00 01 00"), "overrun", 6],
    ["tag length 0", zeroPadded(hex("00 00 10 00 00 00 00 00"), 18), "emptyTag", 6],
    ["tag past total_length", zeroPadded(hex("00 00 10 00 00 00 20 00"), 18), "overrun", 8],
    ["tag without its NUL", zeroPadded(hex("00 00 10 00 00 00 02 00 41 42"), 18), "unterminatedTag", 9],
    ["no room for attr_num", hex("00 00 07 00 00 00 01 00 00 00"), "overrun", 9],
    ["attr_num beyond the attributes", zeroPadded(head(10, 1), 12), "overrun", 11],
    ["key length 0", zeroPadded(head(20), 22), "emptyKey", 11],
    ["key without its NUL", zeroPadded(concat(head(20), hex("02 00 61 62 02")), 22), "unterminatedKey", 14],
    ["key past the end", zeroPadded(concat(head(20), hex("ff 00 61")), 22), "overrun", 13],
    ["type tag 8", zeroPadded(concat(head(20), hex("02 00 61 00 08")), 22), "unknownType", 15],
    ["type tag 9", zeroPadded(concat(head(20), hex("02 00 61 00 09")), 22), "unknownType", 15],
    ["type tag 15", zeroPadded(concat(head(20), hex("02 00 61 00 0f")), 22), "unknownType", 15],
    ["no room for the type", concat(head(13), hex("02 00 61 00")), "overrun", 15],
    ["an int64 cut by total_length", concat(head(18), hex("02 00 61 00 03 01 02 03 04")), "overrun", 16],
    [
      "a string of length 0",
      zeroPadded(concat(head(24), hex("02 00 61 00 0d 00 00")), 26),
      "unterminatedString",
      17,
    ],
    [
      "a string without its NUL",
      zeroPadded(concat(head(24), hex("02 00 61 00 0d 02 00 41 42")), 26),
      "unterminatedString",
      19,
    ],
    ["a string past the end", zeroPadded(concat(head(24), hex("02 00 61 00 0d 40 00")), 26), "overrun", 18],
    [
      "a byte array past the end",
      zeroPadded(concat(head(24), hex("02 00 61 00 0e ff ff ff ff")), 26),
      "overrun",
      20,
    ],
    ["a byte array length cut", concat(head(16), hex("02 00 61 00 0e 01 00")), "overrun", 16],
  ])("%s", (_, bytes, code, offset) => {
    const error = failure(bytes);
    expect(error.code).toBe(code);
    expect(error.offset).toBe(offset);
    expect(error.message).toContain(`(at byte 0x${offset.toString(16)})`);
  });

  it("errors on every truncation of a valid container", () => {
    const bytes = sample().toBytes();
    for (let n = 0; n < bytes.length; n++) {
      // a view into a larger buffer, so that a read past the view would not be caught by luck
      const backing = new Uint8Array(n + 64).fill(0xee);
      backing.set(bytes.subarray(0, n), 32);
      expect(failure(backing.subarray(32, 32 + n)).code).toBe("truncated");
    }
  });

  it("never crashes or reads outside the container on mutated bytes (fuzz, 20000 cases)", () => {
    const base = sample().toBytes();
    const random = xorshift(0x5eed);
    let accepted = 0;
    let rejected = 0;
    for (let round = 0; round < 20000; round++) {
      const bytes = base.slice();
      const view = new DataView(bytes.buffer);
      const edits = 1 + (random() % 4);
      for (let e = 0; e < edits; e++) {
        const kind = random() % 4;
        if (kind === 0) bytes[random() % bytes.length]! ^= 1 << (random() % 8);
        else if (kind === 1) bytes[random() % bytes.length] = random() & 0xff;
        else if (kind === 2) view.setUint32(2, random() % (base.length + 8), true);
        else view.setUint16(random() % (bytes.length - 1), random() & 0xffff, true);
      }
      const length = random() % 3 === 0 ? random() % (bytes.length + 1) : bytes.length;
      const backing = new Uint8Array(length + 16).fill(0xee);
      backing.set(bytes.subarray(0, length), 8);
      const input = backing.subarray(8, 8 + length);
      let c: AttrContainer;
      try {
        c = AttrContainer.fromBytes(input);
      } catch (error) {
        if (!(error instanceof AttrContainerError)) throw error;
        rejected++;
        continue;
      }
      accepted++;
      // Everything a reader can do works, and the bytes come back as they went in.
      if (!sameBytes(c.toBytes(), input.subarray(0, c.byteLength))) expect(c.toBytes()).toEqual(input);
      JSON.stringify(c.toJSON());
      for (const [key] of c) {
        c.get(key);
        c.getInt64(key);
        c.getFloat(key, "native");
        c.getString(key);
        c.getByteArray(key);
      }
      if ((input[0]! & 2) === 0) c.set("fresh", "value");
    }
    expect(accepted).toBeGreaterThan(1000);
    expect(rejected).toBeGreaterThan(1000);
  });
});

function sample(): AttrContainer {
  return new AttrContainer("tag")
    .set("i8", -1, "int8")
    .set("u16", 513, "uint16")
    .set("i32", 7)
    .set("u64", 2n ** 64n - 1n)
    .set("f", 0.5, "float")
    .set("d", 0.25)
    .set("b", true)
    .set("s", "string")
    .set("ba", hex("01 02 03"));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A small deterministic PRNG so that a failure reproduces. */
function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}
