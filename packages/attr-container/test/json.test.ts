import { describe, expect, it } from "vitest";
import { AttrContainer, AttrContainerError } from "../src/index.js";
import { hex, zeroPadded } from "./bytes.js";

// host_tool's json2attr and attr2json (test-tools/host-tool/src/host_tool_utils.c, sheet §1.10).

describe("fromJSON (json2attr)", () => {
  it("maps numbers to double, booleans to bool, strings to string, tagged ''", () => {
    const c = AttrContainer.fromJSON({ n: 3, t: true, f: false, s: "hé" });
    expect(c.tag).toBe("");
    expect([...c.attributes()].map((a) => [a.key, a.type, a.value])).toEqual([
      ["n", "double", 3],
      ["t", "bool", true],
      ["f", "bool", false],
      ["s", "string", "hé"],
    ]);
    expect(c.getByteArray("s")).toEqual(hex("68 c3 a9 00")); // UTF-8 with the NUL
  });

  it("maps a number array to an int8 bytearray, cast as (int8_t) on x86-64", () => {
    const c = AttrContainer.fromJSON({ a: [1, -1, 127, 128, 255, 256, -129, 2.9, -2.9, 1e10] });
    expect(c.typeOf("a")).toBe("bytearray");
    // 128 -> -128 (0x80), 255 -> -1, 256 -> 0, -129 -> 127, 2.9 -> 2, -2.9 -> -2, 1e10 -> 0
    expect(c.getByteArray("a")).toEqual(hex("01 ff 7f 80 ff 00 7f 02 fe 00"));
  });

  it("keeps an array's leading numbers and drops an array that starts with something else", () => {
    const c = AttrContainer.fromJSON({ a: [1, 2, "x", 3], b: ["x", 1] });
    expect(c.getByteArray("a")).toEqual(hex("01 02"));
    expect(c.has("b")).toBe(false);
  });

  it("fails the whole conversion on an empty array", () => {
    expect(() => AttrContainer.fromJSON({ a: 1, b: [] })).toThrow(AttrContainerError);
  });

  it("drops null, nested objects and empty keys; cuts keys and strings at a NUL", () => {
    const c = AttrContainer.fromJSON({ z: null, o: { x: 1 }, "": 1, "k\0x": "v\0w", n: 1 });
    expect([...c.entries()]).toEqual([
      ["k", "v"],
      ["n", 1],
    ]);
  });

  it("in strict mode refuses what host_tool would drop or change", () => {
    for (const json of [
      { z: null },
      { o: {} },
      { "": 1 },
      { "a\0": 1 },
      { s: "a\0" },
      { a: [1, "x"] },
      { a: [1.5] },
      { a: [256] },
    ]) {
      expect(() => AttrContainer.fromJSON(json, { strict: true }), JSON.stringify(json)).toThrow(
        AttrContainerError,
      );
    }
    expect(AttrContainer.fromJSON({ a: [-128, 255], n: 1 }, { strict: true }).getByteArray("a")).toEqual(
      hex("80 ff"),
    );
  });

  it("accepts only a JSON object", () => {
    for (const json of [null, [], 1, "s", { a: Number.NaN }, { a: undefined }, { a: 1n }]) {
      let error: unknown;
      try {
        AttrContainer.fromJSON(json);
      } catch (e) {
        error = e;
      }
      expect(error, String(json)).toBeInstanceOf(AttrContainerError);
      expect((error as AttrContainerError).code).toBe("invalidJson");
    }
  });

  it("replays WAMR's sets, so a repeated key of the same type is replaced in place", () => {
    const c = new AttrContainer().set("a", 1.5, "double").set("b", true);
    const bytes = zeroPadded(
      hex("00 00 6b 00 00 00 01 00 00 02 00", "02 00 61 00 0b 00 00 00 00 00 00 f8 3f", "02 00 62 00 0c 01"),
      109,
    );
    expect(c.toBytes()).toEqual(bytes);
    expect(AttrContainer.fromJSON({ a: 1.5, b: true }).toBytes()).toEqual(bytes);
  });
});

describe("toJSON (attr2json)", () => {
  it("turns every type into JSON as host_tool prints it", () => {
    const c = new AttrContainer("ignored")
      .set("i8", -2, "int8")
      .set("u16", 65535, "uint16")
      .set("i64", 2n ** 53n + 1n, "int64")
      .set("u64", 2n ** 64n - 1n, "uint64")
      .set("f", 0.1, "float")
      .set("nan", Number.NaN, "double")
      .set("inf", Number.NEGATIVE_INFINITY, "float")
      .set("b", true)
      .set("s", "x")
      .set("ba", hex("01 ff 80"));
    expect(c.toJSON()).toEqual({
      i8: -2,
      u16: 65535,
      i64: 2 ** 53, // (double)int64 rounds to nearest even
      u64: 2 ** 64,
      f: Math.fround(0.1), // the float widened to double: 0.10000000149011612
      nan: null, // cJSON prints NaN and infinities as null
      inf: null,
      b: true,
      s: "x",
      ba: [1, -1, -128], // read as signed char
    });
    expect(JSON.stringify(c)).toContain('"f":0.10000000149011612');
  });

  it("round-trips host_tool's own JSON", () => {
    const json = { a: 1.5, s: "x", b: true, arr: [1, -2, 3] };
    expect(AttrContainer.fromJSON(json).toJSON()).toEqual(json);
  });

  it("keeps a key called __proto__ as an own property", () => {
    const c = new AttrContainer().set("__proto__", 1);
    const json = c.toJSON();
    expect(Object.keys(json)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
  });
});
