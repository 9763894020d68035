import { describe, expect, it } from "vitest";
import { AttrContainer, AttrContainerError } from "../src/index.js";
import { hex, zeroPadded } from "./bytes.js";

// attr_container_set_attr's three cases for an existing key (same size: overwrite in place;
// other size that fits: move the following attributes up and append; no room: reallocate with
// total_length + attr_len + 100), and two for a new key (append, or reallocate).

const header = "00 00 6b 00 00 00 01 00 00"; // tag "", total_length 107

describe("set", () => {
  it("appends new keys and counts them", () => {
    const c = new AttrContainer().set("a", 1).set("b", 2);
    expect(c.size).toBe(2);
    expect(c.toBytes()).toEqual(
      zeroPadded(hex(header, "02 00", "02 00 61 00 02 01 00 00 00", "02 00 62 00 02 02 00 00 00"), 109),
    );
  });

  it("replaces a value of the same size in place", () => {
    const c = new AttrContainer().set("a", 1).set("b", 2).set("a", 3);
    expect([...c.keys()]).toEqual(["a", "b"]);
    expect(c.toBytes()).toEqual(
      zeroPadded(hex(header, "02 00", "02 00 61 00 02 03 00 00 00", "02 00 62 00 02 02 00 00 00"), 109),
    );
  });

  it("moves a resized value to the end and leaves the old bytes past it, as WAMR's memmove does", () => {
    const c = new AttrContainer().set("a", 1).set("b", 2).set("a", "hello");
    expect([...c.entries()]).toEqual([
      ["b", 2],
      ["a", "hello"],
    ]);
    const afterString = hex(
      header,
      "02 00",
      "02 00 62 00 02 02 00 00 00", // "b" moved up to where "a" was
      "02 00 61 00 0d 06 00 68 65 6c 6c 6f 00", // "a" appended: string "hello"
    );
    expect(c.toBytes()).toEqual(zeroPadded(afterString, 109));

    c.set("a", -1, "int8"); // 6 bytes instead of 13: rewritten at the same place (nothing follows it)
    const expected = zeroPadded(afterString, 109);
    expected.set(hex("02 00 61 00 00 ff"), 20);
    // bytes 26..32 still hold the tail of the old string attribute
    expect(expected.subarray(26, 33)).toEqual(hex("00 68 65 6c 6c 6f 00"));
    expect(c.toBytes()).toEqual(expected);
    expect(c.get("a")).toBe(-1);
    expect(c.size).toBe(2);
  });

  it("grows by attr_len + 100 when a new attribute does not fit the slack", () => {
    const data = new Uint8Array(100).fill(7);
    const c = new AttrContainer().set("k", data);
    // attribute: 2 + 2 ("k\0") + 1 + 4 + 100 = 109 bytes > 98 left after attr_num
    expect(c.byteLength).toBe(2 + 107 + 109 + 100);
    const bytes = c.toBytes();
    expect(bytes.subarray(0, 20)).toEqual(
      hex("00 00 3c 01 00 00 01 00 00 01 00", "02 00 6b 00 0e 64 00 00 00"),
    );
    expect(bytes.subarray(20, 120)).toEqual(data);
    expect(bytes.subarray(120).every((b) => b === 0)).toBe(true);
    expect(c.getByteArray("k")).toEqual(data);
  });

  it("grows by attr_len + 100 when a replacement does not fit, keeping the order rule", () => {
    const c = new AttrContainer().set("k", new Uint8Array(80).fill(1)).set("z", true);
    // "k" takes 89 bytes, "z" 6: 3 bytes of slack left
    expect(c.byteLength).toBe(109);
    c.set("k", new Uint8Array(100).fill(2)); // 109 bytes: 89 + 3 < 109
    expect(c.byteLength).toBe(2 + 107 + 109 + 100);
    expect([...c.keys()]).toEqual(["z", "k"]);
    const bytes = c.toBytes();
    expect(bytes.subarray(0, 11)).toEqual(hex("00 00 3c 01 00 00 01 00 00 02 00"));
    expect(bytes.subarray(11, 17)).toEqual(hex("02 00 7a 00 0c 01"));
    expect(bytes.subarray(17, 26)).toEqual(hex("02 00 6b 00 0e 64 00 00 00"));
    expect(bytes.subarray(26, 126)).toEqual(new Uint8Array(100).fill(2));
    expect(bytes.subarray(126).every((b) => b === 0)).toBe(true);
  });

  it("keeps the flags through a reallocation", () => {
    const bytes = new AttrContainer().toBytes({ readOnly: true });
    const c = AttrContainer.fromBytes(bytes).set("k", new Uint8Array(200));
    expect(c.readOnly).toBe(true);
    expect(c.toBytes()[0]).toBe(4);
  });

  it("is refused when flags bit 1 is set (what check_set_attr tests), not by the read-only bit", () => {
    const blocked = new AttrContainer().toBytes();
    blocked[0] = 2;
    const c = AttrContainer.fromBytes(blocked);
    expect(() => c.set("k", 1)).toThrow(AttrContainerError);
    expect(() => c.set("k", 1)).toThrow("Set attribute failed: attribute container is readonly.");
    const constant = AttrContainer.fromBytes(new AttrContainer().toBytes({ readOnly: true }));
    expect(constant.set("k", 1).get("k")).toBe(1);
  });

  it("finds the first of duplicate keys in foreign bytes, and iterates over both", () => {
    const bytes = zeroPadded(
      hex("00 00 20 00 00 00 01 00 00 02 00", "02 00 6b 00 04 01", "02 00 6b 00 04 02"),
      34,
    );
    const c = AttrContainer.fromBytes(bytes);
    expect(c.get("k")).toBe(1);
    expect([...c.values()]).toEqual([1, 2]);
    c.set("k", 9, "uint8");
    expect([...c.values()]).toEqual([9, 2]);
  });
});

describe("type inference", () => {
  it.each([
    [0, "int32"],
    [-0x80000000, "int32"],
    [0x7fffffff, "int32"],
    [0x80000000, "double"],
    [1.5, "double"],
    [-0, "double"],
    [Number.NaN, "double"],
    [1n, "int64"],
    [-(2n ** 63n), "int64"],
    [2n ** 63n, "uint64"],
    [true, "bool"],
    ["s", "string"],
    [new Uint8Array(2), "bytearray"],
  ] as const)("set(k, %s) stores %s", (value, type) => {
    const c = new AttrContainer().set("k", value);
    expect(c.typeOf("k")).toBe(type);
    expect(c.get("k")).toEqual(value);
  });

  it("keeps -0 as a double", () => {
    expect(Object.is(new AttrContainer().set("k", -0).get("k"), -0)).toBe(true);
  });
});

describe("input checks", () => {
  const c = new AttrContainer();
  it.each([
    ["an empty key", () => c.set("", 1)],
    ["a key with a NUL", () => c.set("a\0b", 1)],
    ["a key over 65534 bytes", () => c.set("x".repeat(65535), 1)],
    ["int8 out of range", () => c.set("k", 128, "int8")],
    ["uint8 negative", () => c.set("k", -1, "uint8")],
    ["uint32 fraction", () => c.set("k", 1.5, "uint32")],
    ["int64 past its range", () => c.set("k", 2n ** 63n, "int64")],
    ["uint64 negative", () => c.set("k", -1n, "uint64")],
    ["an unsafe integer as int64", () => c.set("k", 2 ** 60, "int64")],
    ["a string as int32", () => c.set("k", "1" as unknown as number, "int32")],
    ["a string with a NUL", () => c.set("k", "a\0")],
    ["a string over 65534 bytes", () => c.set("k", "é".repeat(32768))],
    ["a number array as bytearray", () => c.set("k", [1] as unknown as Uint8Array, "bytearray")],
    ["an unknown type", () => c.set("k", 1, "int128" as "int32")],
    ["an object", () => c.set("k", {} as unknown as number)],
    ["a bigint beyond uint64", () => c.set("k", 2n ** 64n)],
  ])("refuses %s", (_, call) => {
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AttrContainerError);
    expect((error as AttrContainerError).code).toBe("invalidArgument");
    expect(c.size).toBe(0);
  });

  it("accepts the limits", () => {
    const d = new AttrContainer()
      .set("a", -128, "int8")
      .set("b", 0xffffffff, "uint32")
      .set("c", 2n ** 64n - 1n, "uint64")
      .set("d", Number.MAX_SAFE_INTEGER, "int64")
      .set("e", Number.POSITIVE_INFINITY, "float")
      .set("f", "x".repeat(65534));
    expect(d.get("d")).toBe(BigInt(Number.MAX_SAFE_INTEGER));
    expect(d.get("e")).toBe(Number.POSITIVE_INFINITY);
    expect((d.get("f") as string).length).toBe(65534);
  });

  it("refuses a tag with a NUL", () => {
    expect(() => new AttrContainer("a\0")).toThrow(AttrContainerError);
  });
});
