import { AttrContainer } from "@microwasm/attr-container";
import { describe, expect, it } from "vitest";
import { printContainer } from "../src/cjson-print.js";

const printed = (build: (c: AttrContainer) => void) => {
  const container = new AttrContainer("t");
  build(container);
  return printContainer(AttrContainer.fromBytes(container.toBytes()));
};

describe("printContainer: host_tool's attr2json + cJSON_Print", () => {
  it("prints one attribute a line, tab-indented, a tab after the colon, no final newline", () => {
    expect(printed((c) => c.set("num", 0, "int32"))).toBe('{\n\t"num":\t0\n}');
    expect(printed((c) => c.set("a", 1, "int32").set("s", "x", "string"))).toBe(
      '{\n\t"a":\t1,\n\t"s":\t"x"\n}',
    );
    expect(printed(() => undefined)).toBe("{\n}");
  });

  it("formats numbers as cJSON does: %d when whole and in int range, else %1.15g, else %1.17g", () => {
    const number = (value: number) => printed((c) => c.set("n", value, "double")).slice(8, -2);
    expect(number(21.5)).toBe("21.5");
    expect(number(0.1)).toBe("0.1");
    expect(number(-3)).toBe("-3");
    expect(number(4294967295)).toBe("4294967295");
    expect(number(1e20)).toBe("1e+20");
    expect(number(1.5e-7)).toBe("1.5e-07");
    expect(number(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(number(Number.NaN)).toBe("null");
  });

  it("escapes strings as cJSON does and prints byte arrays and booleans", () => {
    expect(printed((c) => c.set("s", 'a"b\\c\nd\u0001', "string"))).toBe(
      '{\n\t"s":\t"a\\"b\\\\c\\nd\\u0001"\n}',
    );
    expect(printed((c) => c.set("b", true, "bool"))).toBe('{\n\t"b":\ttrue\n}');
    expect(printed((c) => c.set("x", Uint8Array.of(1, 255), "bytearray"))).toMatch(
      /^\{\n\t"x":\t\[1, -?\d+\]\n\}$/,
    );
  });
});
