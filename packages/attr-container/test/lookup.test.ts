import { describe, expect, it } from "vitest";
import { AttrContainer } from "../src/index.js";
import { hex, zeroPadded } from "./bytes.js";

// WAMR finds a key by comparing its bytes (with the NUL). Lookups here go through an index of
// decoded keys when that is equivalent, and compare bytes otherwise; both must agree with C.

describe("key lookup", () => {
  it("finds keys that are not valid UTF-8 only by their bytes", () => {
    const bytes = zeroPadded(
      hex("00 00 20 00 00 00 01 00 00 02 00", "02 00 ff 00 02 01 00 00 00", "02 00 6b 00 02 02 00 00 00"),
      34,
    );
    const c = AttrContainer.fromBytes(bytes);
    expect([...c.keys()]).toEqual(["\ufffd", "k"]); // shown decoded
    expect(c.get("k")).toBe(2);
    expect(c.get("\ufffd")).toBeUndefined(); // EF BF BD is not FF
    c.set("\ufffd", 3);
    expect(c.size).toBe(3);
    expect(c.get("\ufffd")).toBe(3);
  });

  it("keeps a leading byte-order mark in keys", () => {
    const c = new AttrContainer().set("\ufeffk", 1).set("k", 2);
    expect(c.getByteArray("\ufeffk")).toEqual(hex("01 00 00 00"));
    expect(c.get("\ufeffk")).toBe(1);
    expect(c.get("k")).toBe(2);
    expect([...c.keys()]).toEqual(["\ufeffk", "k"]);
    expect(c.toBytes().subarray(11, 16)).toEqual(hex("05 00 ef bb bf")); // key_len 5: BOM, "k", NUL
  });

  it("treats a lone surrogate as the U+FFFD its UTF-8 encoding writes", () => {
    const c = new AttrContainer().set("\ud800", 1);
    expect(c.toBytes().subarray(11, 17)).toEqual(hex("04 00 ef bf bd 00"));
    expect(c.get("\ud800")).toBe(1);
    expect(c.get("\ufffd")).toBe(1);
    c.set("\ufffd", 2);
    expect(c.size).toBe(1);
  });

  it("sees changes made by set", () => {
    const c = new AttrContainer().set("a", 1);
    expect(c.get("a")).toBe(1);
    c.set("b", "x").set("a", "longer");
    expect(c.get("a")).toBe("longer");
    expect(c.get("b")).toBe("x");
    expect(c.getByteArray("a")).toEqual(hex("6c 6f 6e 67 65 72 00"));
  });

  it("finds the first of keys that differ after a NUL only as C would", () => {
    // "a\0b\0" (key_len 4) is unreachable from C: strlen stops at the first NUL
    const bytes = zeroPadded(hex("00 00 20 00 00 00 01 00 00 01 00", "04 00 61 00 62 00 02 05 00 00 00"), 34);
    const c = AttrContainer.fromBytes(bytes);
    expect(c.get("a\0b")).toBeUndefined();
    expect(c.get("a")).toBeUndefined();
    expect([...c.keys()]).toEqual(["a"]);
  });
});
