import { CompileError, encodeS32, encodeS64, encodeU32 } from "@microwasm/core";
import { describe, expect, it } from "vitest";
import { Reader } from "../src/reader.js";
import { isValidUtf8 } from "../src/utf8.js";

function reader(bytes: readonly number[]): Reader {
  const u8 = Uint8Array.from(bytes);
  return new Reader(u8, 0, u8.length);
}

function failure(
  read: (r: Reader) => unknown,
  bytes: readonly number[],
): { reason: string; offset?: number } {
  try {
    read(reader(bytes));
  } catch (e) {
    expect(e).toBeInstanceOf(CompileError);
    const error = e as CompileError;
    expect(error.kind).toBe("malformed");
    return { reason: error.reason, offset: error.offset };
  }
  throw new Error(`expected ${bytes.map((b) => b.toString(16)).join(" ")} to be rejected`);
}

/** A deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("u32", () => {
  it("decodes minimal and padded encodings up to five bytes", () => {
    expect(reader([0x00]).u32()).toBe(0);
    expect(reader([0x7f]).u32()).toBe(127);
    expect(reader([0x80, 0x01]).u32()).toBe(128);
    expect(reader([0xff, 0xff, 0xff, 0xff, 0x0f]).u32()).toBe(0xffffffff);
    expect(reader([0x80, 0x80, 0x80, 0x80, 0x00]).u32()).toBe(0);
    expect(reader([0x83, 0x80, 0x80, 0x80, 0x00]).u32()).toBe(3);
  });
  it("round-trips random values through encodeU32", () => {
    const random = prng(1);
    for (let i = 0; i < 2000; i++) {
      const v = Math.floor(random() * 2 ** 32);
      const r = reader(encodeU32(v));
      expect(r.u32()).toBe(v);
      expect(r.atEnd()).toBe(true);
    }
  });
  it("rejects a sixth byte as too long", () => {
    expect(failure((r) => r.u32(), [0x80, 0x80, 0x80, 0x80, 0x80, 0x00])).toEqual({
      reason: "integer representation too long",
      offset: 5,
    });
  });
  it("rejects unused bits in the fifth byte as too large", () => {
    expect(failure((r) => r.u32(), [0xff, 0xff, 0xff, 0xff, 0x1f]).reason).toBe("integer too large");
    expect(failure((r) => r.u32(), [0x80, 0x80, 0x80, 0x80, 0x10]).reason).toBe("integer too large");
    expect(failure((r) => r.u32(), [0x80, 0x80, 0x80, 0x80, 0x70]).offset).toBe(4);
  });
  it("reports a truncated integer as unexpected end", () => {
    expect(failure((r) => r.u32(), [0x80, 0x80]).reason).toBe("unexpected end of section or function");
    expect(failure((r) => r.u32(), []).reason).toBe("unexpected end of section or function");
  });
});

describe("s32", () => {
  it("decodes sign-extended values", () => {
    expect(reader([0x7f]).s32()).toBe(-1);
    expect(reader([0x40]).s32()).toBe(-64);
    expect(reader([0x3f]).s32()).toBe(63);
    expect(reader([0xff, 0x7f]).s32()).toBe(-1);
    expect(reader([0x80, 0x80, 0x80, 0x80, 0x78]).s32()).toBe(-(2 ** 31));
    expect(reader([0xff, 0xff, 0xff, 0xff, 0x07]).s32()).toBe(2 ** 31 - 1);
    expect(reader([0xff, 0xff, 0xff, 0xff, 0x7f]).s32()).toBe(-1);
  });
  it("round-trips random values through encodeS32", () => {
    const random = prng(2);
    for (let i = 0; i < 2000; i++) {
      const v = Math.floor(random() * 2 ** 32) | 0;
      expect(reader(encodeS32(v)).s32()).toBe(v);
    }
  });
  it("requires the fifth byte's unused bits to copy the sign bit", () => {
    expect(failure((r) => r.s32(), [0xff, 0xff, 0xff, 0xff, 0x0f]).reason).toBe("integer too large");
    expect(failure((r) => r.s32(), [0x80, 0x80, 0x80, 0x80, 0x70]).reason).toBe("integer too large");
    expect(failure((r) => r.s32(), [0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).reason).toBe(
      "integer representation too long",
    );
  });
});

describe("s33", () => {
  it("covers [-2^32, 2^32)", () => {
    expect(reader([0x80, 0x80, 0x80, 0x80, 0x70]).s33()).toBe(-(2 ** 32));
    expect(reader([0xff, 0xff, 0xff, 0xff, 0x0f]).s33()).toBe(2 ** 32 - 1);
    expect(reader([0x40]).s33()).toBe(-64);
    expect(failure((r) => r.s33(), [0xff, 0xff, 0xff, 0xff, 0x1f]).reason).toBe("integer too large");
    expect(failure((r) => r.s33(), [0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).reason).toBe(
      "integer representation too long",
    );
  });
});

describe("s64", () => {
  const read = (bytes: readonly number[]): bigint => {
    const r = reader(bytes);
    const lo = r.s64();
    return (BigInt(r.hi) << 32n) | BigInt(lo >>> 0);
  };
  it("decodes to low and high words", () => {
    expect(read([0x7f])).toBe(-1n);
    expect(read(encodeS64(-(2n ** 63n)))).toBe(-(2n ** 63n));
    expect(read(encodeS64(2n ** 63n - 1n))).toBe(2n ** 63n - 1n);
    expect(read(encodeS64(0x1_0000_0000n))).toBe(0x1_0000_0000n);
    expect(read([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00])).toBe(0n);
    expect(read([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])).toBe(-1n);
  });
  it("round-trips random values through encodeS64", () => {
    const random = prng(3);
    for (let i = 0; i < 2000; i++) {
      const bits = Math.floor(random() * 64);
      const v = BigInt.asIntN(
        64,
        (BigInt(Math.floor(random() * 2 ** 32)) << 32n) | BigInt(Math.floor(random() * 2 ** 32)),
      );
      const value = BigInt.asIntN(64, v >> BigInt(bits));
      expect(read(encodeS64(value))).toBe(value);
    }
  });
  it("enforces the ten-byte limit and the last byte's sign bits", () => {
    const tooLong = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00];
    expect(failure((r) => r.s64(), tooLong).reason).toBe("integer representation too long");
    const unusedBits = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02];
    expect(failure((r) => r.s64(), unusedBits).reason).toBe("integer too large");
    const badSign = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x41];
    expect(failure((r) => r.s64(), badSign).reason).toBe("integer too large");
  });
});

describe("other primitives", () => {
  it("reads a limits flag as a 1-bit integer", () => {
    expect(reader([0x01]).u1()).toBe(1);
    expect(failure((r) => r.u1(), [0x02]).reason).toBe("integer too large");
    expect(failure((r) => r.u1(), [0x81, 0x00]).reason).toBe("integer representation too long");
  });
  it("checks lengths against the bytes left, counted from the length itself", () => {
    expect(reader([0x02, 0xaa]).len32()).toBe(2);
    expect(failure((r) => r.len32(), [0x03, 0xaa])).toEqual({ reason: "length out of bounds", offset: 0 });
    expect(failure((r) => r.len32(), [0xff, 0xff, 0xff, 0xff, 0x0f]).reason).toBe("length out of bounds");
  });
  it("reads raw words and reserved zero bytes", () => {
    expect(reader([0x00, 0x61, 0x73, 0x6d]).word()).toBe(0x6d736100);
    expect(failure((r) => r.word(), [1, 2, 3]).reason).toBe("unexpected end of section or function");
    expect(failure((r) => r.zeroByte(), [0x01])).toEqual({ reason: "zero byte expected", offset: 0 });
  });
});

describe("names", () => {
  const utf8 = (...bytes: number[]) => isValidUtf8(Uint8Array.from(bytes), 0, bytes.length);
  it("decodes UTF-8, keeping a leading BOM", () => {
    expect(reader([3, 0x61, 0x62, 0x63]).name()).toBe("abc");
    expect(reader([0]).name()).toBe("");
    expect(reader([3, 0xef, 0xbb, 0xbf]).name()).toBe("\ufeff");
    expect(reader([4, 0xf0, 0x9f, 0x98, 0x80]).name()).toBe("😀");
    const long = "é".repeat(40);
    expect(reader([80, ...new TextEncoder().encode(long)]).name()).toBe(long);
  });
  it("accepts the boundaries of each encoding length", () => {
    expect(utf8(0x7f)).toBe(true);
    expect(utf8(0xc2, 0x80)).toBe(true);
    expect(utf8(0xdf, 0xbf)).toBe(true);
    expect(utf8(0xe0, 0xa0, 0x80)).toBe(true);
    expect(utf8(0xed, 0x9f, 0xbf)).toBe(true);
    expect(utf8(0xee, 0x80, 0x80)).toBe(true);
    expect(utf8(0xf0, 0x90, 0x80, 0x80)).toBe(true);
    expect(utf8(0xf4, 0x8f, 0xbf, 0xbf)).toBe(true);
  });
  it("rejects overlongs, surrogates, code points above U+10FFFF and truncations", () => {
    expect(utf8(0x80)).toBe(false);
    expect(utf8(0xc0, 0x80)).toBe(false);
    expect(utf8(0xc1, 0xbf)).toBe(false);
    expect(utf8(0xe0, 0x9f, 0xbf)).toBe(false);
    expect(utf8(0xed, 0xa0, 0x80)).toBe(false);
    expect(utf8(0xed, 0xbf, 0xbf)).toBe(false);
    expect(utf8(0xf0, 0x8f, 0xbf, 0xbf)).toBe(false);
    expect(utf8(0xf4, 0x90, 0x80, 0x80)).toBe(false);
    expect(utf8(0xf5, 0x80, 0x80, 0x80)).toBe(false);
    expect(utf8(0xff)).toBe(false);
    expect(utf8(0xc2)).toBe(false);
    expect(utf8(0xe1, 0x80)).toBe(false);
    expect(utf8(0xf1, 0x80, 0x80)).toBe(false);
    expect(utf8(0xc2, 0x41)).toBe(false);
    expect(failure((r) => r.name(), [2, 0xc0, 0x80])).toEqual({
      reason: "malformed UTF-8 encoding",
      offset: 0,
    });
  });
  it("agrees with a fatal TextDecoder on every two-byte sequence", () => {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    const disagreements: string[] = [];
    for (let a = 0x80; a < 0x100; a++) {
      for (let b = 0; b < 0x100; b++) {
        const bytes = Uint8Array.of(a, b);
        let ok = true;
        try {
          decoder.decode(bytes);
        } catch {
          ok = false;
        }
        if (isValidUtf8(bytes, 0, 2) !== ok) disagreements.push(`${a.toString(16)} ${b.toString(16)}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
  it("reports a name longer than the input as unexpected end", () => {
    expect(failure((r) => r.name(), [2, 0x61]).reason).toBe("unexpected end of section or function");
  });
});
