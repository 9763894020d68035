import { describe, expect, it } from "vitest";
import { AttrContainer } from "../src/index.js";
import { hex } from "./bytes.js";

// WAMR's attr_container_get_as_* zero an 8-byte union, copy the stored value's bytes into it
// (a fixed-size value's 1 << (tag & 3) bytes, or the first sizeof(member) bytes of a string
// or byte array), and return the member. Expected values below are worked out from the bytes.

describe("typed getters", () => {
  const c = new AttrContainer()
    .set("i8", -1, "int8") // ff
    .set("i32", 0x12345678, "int32") // 78 56 34 12
    .set("i64", -2n, "int64") // fe ff ff ff ff ff ff ff
    .set("f", 1.5, "float") // 00 00 c0 3f
    .set("d", 1.5, "double") // 00 00 00 00 00 00 f8 3f
    .set("t", true, "bool") // 01
    .set("s", "ab") // 03 00 | 61 62 00
    .set("ba", hex("01 02 03 04 05 06 07 08 09"));

  it("read each type back as itself", () => {
    expect(c.getInt8("i8")).toBe(-1);
    expect(c.getInt32("i32")).toBe(0x12345678);
    expect(c.getInt64("i64")).toBe(-2n);
    expect(c.getFloat("f")).toBe(1.5);
    expect(c.getDouble("d")).toBe(1.5);
    expect(c.getBool("t")).toBe(true);
    expect(c.getString("s")).toBe("ab");
  });

  it("zero-extend narrower values: an int8 -1 is 255 as int32 and 0xff as uint64", () => {
    expect(c.getInt32("i8")).toBe(255);
    expect(c.getUint64("i8")).toBe(255n);
    expect(c.getInt16("t")).toBe(1);
  });

  it("truncate wider values in an app (plain memcpy), give 0 natively (bh_memcpy_s refuses)", () => {
    expect(c.getInt8("i32")).toBe(0x78);
    expect(c.getUint16("i32")).toBe(0x5678);
    expect(c.getInt32("i64")).toBe(-2);
    expect(c.getUint32("i64")).toBe(0xfffffffe);
    expect(c.getInt8("i32", "native")).toBe(0);
    expect(c.getInt32("i64", "native")).toBe(0);
    expect(c.getInt64("i32", "native")).toBe(0x12345678n);
  });

  it("reinterpret float bits, not values", () => {
    expect(c.getInt32("f")).toBe(0x3fc00000);
    expect(c.getInt64("d")).toBe(0x3ff8000000000000n);
    // the float's 4 bytes in the low half of a double: a denormal
    const denormal = new DataView(hex("00 00 c0 3f 00 00 00 00").buffer).getFloat64(0, true);
    expect(c.getDouble("f")).toBe(denormal);
    // the double's low 4 bytes as a float are zero; natively the copy is refused: also 0
    expect(c.getFloat("d")).toBe(0);
    expect(c.getFloat("d", "native")).toBe(0);
    expect(c.getBool("f")).toBe(false); // first byte 00
  });

  it("copy at most sizeof(member) bytes of a string or byte array", () => {
    expect(c.getInt16("s")).toBe(0x6261); // "ab"
    expect(c.getInt32("s")).toBe(0x006261); // "ab\0", zero-padded
    expect(c.getInt64("ba")).toBe(0x0807060504030201n); // first 8 of 9 bytes
    expect(c.getInt8("ba", "native")).toBe(1); // the length is clamped first, so no refusal
    expect(c.getBool("s")).toBe(true);
  });

  it("getString and getByteArray expose the value's bytes whatever the type", () => {
    expect(c.getByteArray("s")).toEqual(hex("61 62 00")); // with the NUL
    expect(c.getByteArray("i32")).toEqual(hex("78 56 34 12"));
    expect(c.getByteArray("ba")).toEqual(hex("01 02 03 04 05 06 07 08 09"));
    expect(c.getString("i32")).toBe("xV4\x12"); // no NUL inside the value: stops at its end
    expect(c.getString("ba")).toBe("\x01\x02\x03\x04\x05\x06\x07\x08\x09");
    expect(c.getString("t")).toBe("\x01");
  });

  it("return undefined for a missing key (WAMR returns 0)", () => {
    expect(c.getInt32("nope")).toBeUndefined();
    expect(c.getString("nope")).toBeUndefined();
    expect(c.get("nope")).toBeUndefined();
    expect(c.typeOf("nope")).toBeUndefined();
    expect(c.has("nope")).toBe(false);
    expect(c.has("")).toBe(false);
  });

  it("look keys up as C does: a key ends at its first NUL", () => {
    expect(c.get("s\0ignored")).toBe("ab");
  });

  it("getByteArray returns a copy", () => {
    c.getByteArray("ba")![0] = 99;
    expect(c.getInt8("ba")).toBe(1);
  });
});
