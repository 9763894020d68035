import { describe, expect, it } from "vitest";
import { AttrContainer } from "../src/index.js";
import { hex, zeroPadded } from "./bytes.js";

// Layouts written by hand from the fact sheet (§3.1, §3.2): flags u16, total_length u32 (bytes
// after the flags, slack included), tag_len u16 (with the NUL), tag, attr_num u16, then per
// attribute key_len u16 (with the NUL), key, type u8, value. Little-endian throughout.

describe("layout", () => {
  it("an empty container reserves 4 + 2 + tag_len + 100 bytes after the flags", () => {
    const bytes = new AttrContainer().toBytes();
    expect(bytes).toEqual(
      zeroPadded(
        hex(
          "00 00", // flags
          "6b 00 00 00", // total_length 107 = 4 + 2 + 1 + 100
          "01 00 00", // tag_len 1, tag ""
          "00 00", // attr_num 0 (inside the reserved bytes)
        ),
        109,
      ),
    );
  });

  it("host_tool's {a:1.5, s:'x', b:true} is 109 bytes with total_length 0x6b (sheet §3.1)", () => {
    const bytes = AttrContainer.fromJSON({ a: 1.5, s: "x", b: true }).toBytes();
    expect(bytes.length).toBe(109);
    expect(bytes).toEqual(
      zeroPadded(
        hex(
          "00 00 6b 00 00 00 01 00 00",
          "03 00", // three attributes
          "02 00 61 00 0b 00 00 00 00 00 00 f8 3f", // "a": double 1.5
          "02 00 73 00 0d 02 00 78 00", // "s": string "x" (len 2 with the NUL)
          "02 00 62 00 0c 01", // "b": bool true
        ),
        109,
      ),
    );
  });

  it("the app manager's query reply with only num fits in its 121 bytes (137-byte response, sheet §3.1)", () => {
    const c = new AttrContainer("Applets Info").set("num", 0, "int32");
    const bytes = c.toBytes();
    expect(bytes.length).toBe(137 - 16);
    expect(bytes.subarray(0, 34)).toEqual(
      hex(
        "00 00 77 00 00 00", // total_length 119 = 4 + 2 + 13 + 100
        "0d 00 41 70 70 6c 65 74 73 20 49 6e 66 6f 00", // "Applets Info\0"
        "01 00",
        "04 00 6e 75 6d 00 02 00 00 00 00", // "num": int32 0
      ),
    );
    expect(c.tag).toBe("Applets Info");
  });

  it("lays out every type tag with WAMR's value widths", () => {
    const c = new AttrContainer("t")
      .set("i8", -2, "int8")
      .set("i16", -2, "int16")
      .set("i32", 0x12345678, "int32")
      .set("i64", -2n, "int64")
      .set("u8", 0xfe, "uint8")
      .set("u16", 0xfedc, "uint16")
      .set("u32", 0xfedcba98, "uint32")
      .set("u64", 2n ** 64n - 1n, "uint64")
      .set("f", 1.5, "float")
      .set("d", -2.5, "double")
      .set("b", true, "bool")
      .set("s", "hi", "string")
      .set("ba", Uint8Array.of(1, 2, 0xff), "bytearray");
    const attrs = hex(
      "03 00 69 38 00 00 fe", // tag 0 int8, 1 byte
      "04 00 69 31 36 00 01 fe ff", // tag 1 int16
      "04 00 69 33 32 00 02 78 56 34 12", // tag 2 int32
      "04 00 69 36 34 00 03 fe ff ff ff ff ff ff ff", // tag 3 int64
      "03 00 75 38 00 04 fe", // tag 4 uint8
      "04 00 75 31 36 00 05 dc fe", // tag 5 uint16
      "04 00 75 33 32 00 06 98 ba dc fe", // tag 6 uint32
      "04 00 75 36 34 00 07 ff ff ff ff ff ff ff ff", // tag 7 uint64
      "02 00 66 00 0a 00 00 c0 3f", // tag 10 float 1.5
      "02 00 64 00 0b 00 00 00 00 00 00 04 c0", // tag 11 double -2.5
      "02 00 62 00 0c 01", // tag 12 bool
      "02 00 73 00 0d 03 00 68 69 00", // tag 13 string "hi": u16 len 3 + bytes + NUL
      "03 00 62 61 00 0e 03 00 00 00 01 02 ff", // tag 14 bytearray: u32 len + bytes
    );
    const bytes = c.toBytes();
    expect(bytes.subarray(6, 12)).toEqual(hex("02 00 74 00", "0d 00")); // tag "t", 13 attributes
    expect(bytes.subarray(12, 12 + attrs.length)).toEqual(attrs);
    expect(bytes.subarray(12 + attrs.length).every((b) => b === 0)).toBe(true);
    // total_length is 4 + 2 + 2 + 100 = 108 at first, leaving 98 bytes after attr_num. The
    // first ten attributes take 93; "d" (13 bytes) does not fit, so WAMR grows total_length by
    // 13 + 100, and the rest fits in that.
    const total = new DataView(bytes.buffer).getUint32(2, true);
    expect(total).toBe(4 + 2 + 2 + 100 + 13 + 100);
    expect(c.byteLength).toBe(2 + total);
  });

  it("round-trips foreign bytes exactly, slack contents included", () => {
    const bytes = zeroPadded(
      hex("04 00 20 00 00 00 02 00 78 00 01 00", "02 00 6b 00 02 2a 00 00 00", "de ad be ef"),
      34,
    );
    const c = AttrContainer.fromBytes(bytes);
    expect(c.readOnly).toBe(true);
    expect(c.tag).toBe("x");
    expect(c.get("k")).toBe(42);
    expect(c.toBytes()).toEqual(bytes);
  });

  it("copies its input, whatever view it is (a pooled Buffer here)", () => {
    const own = new AttrContainer("tag").set("k", "v").toBytes();
    const input = Buffer.from(own);
    expect(input.byteOffset).toBeGreaterThan(0);
    const c = AttrContainer.fromBytes(input);
    input.fill(0);
    expect(c.tag).toBe("tag");
    expect(c.get("k")).toBe("v");
    expect(c.toBytes()).toEqual(own);
  });

  it("reads 2 + total_length bytes and ignores what follows", () => {
    const own = new AttrContainer().set("k", 1).toBytes();
    const longer = new Uint8Array(own.length + 7).fill(0xee);
    longer.set(own);
    const c = AttrContainer.fromBytes(longer);
    expect(c.byteLength).toBe(own.length);
    expect(c.toBytes()).toEqual(own);
  });

  it("toBytes({ readOnly: true }) sets flag bit 2 as attr_container_serialize does", () => {
    const c = new AttrContainer().set("k", 1);
    const serialized = c.toBytes({ readOnly: true });
    expect(serialized.subarray(0, 2)).toEqual(hex("04 00"));
    expect(serialized.subarray(2)).toEqual(c.toBytes().subarray(2));
    expect(c.readOnly).toBe(false);
    expect(AttrContainer.fromBytes(serialized).readOnly).toBe(true);
  });
});
