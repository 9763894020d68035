import { CompileError } from "@microwasm/core";
import { describe, expect, it } from "vitest";
import { validateModule } from "../src/index.js";
import { moduleWithFunc } from "./assemble.js";

/** The validator types SIMD rows from the table's signatures and checks their immediates by kind. */

const memories = [{ limits: { min: 1 }, shared: false }];

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof CompileError) return e.reason;
    throw e;
  }
  return "valid";
}

describe("SIMD rows", () => {
  it("types them from their signatures", () => {
    const m = moduleWithFunc(
      [],
      ["i32"],
      [
        ["i32.const", 0],
        ["v128.load", 4],
        ["v128.const", 1, 2, 3, 4],
        ["i8x16.shuffle", 0x03020100, 0x1f1e1d1c, 0, 0],
        ["i8x16.extract_lane_s", 15],
        ["end"],
      ],
      { memories },
    );
    expect(reasonOf(() => validateModule(m))).toBe("valid");
    const wrong = moduleWithFunc(
      [],
      ["i32"],
      [["v128.const", 0, 0, 0, 0], ["f64x2.extract_lane", 1], ["end"]],
    );
    expect(reasonOf(() => validateModule(wrong))).toBe("type mismatch");
  });

  it("checks lane indices, shuffles and alignment", () => {
    const lane = (name: string, index: number) =>
      moduleWithFunc([], [], [["v128.const", 0, 0, 0, 0], [name, index], ["drop"], ["end"]]);
    expect(reasonOf(() => validateModule(lane("i8x16.extract_lane_s", 16)))).toBe("invalid lane index");
    expect(reasonOf(() => validateModule(lane("f64x2.extract_lane", 2)))).toBe("invalid lane index");
    const shuffle = moduleWithFunc(
      [],
      [],
      [
        ["v128.const", 0, 0, 0, 0],
        ["v128.const", 0, 0, 0, 0],
        ["i8x16.shuffle", 0, 0, 0x20 << 24, 0],
        ["drop"],
        ["end"],
      ],
    );
    expect(reasonOf(() => validateModule(shuffle))).toBe("invalid lane index");
    const loadLane = (align: number, index: number) =>
      moduleWithFunc(
        [],
        [],
        [
          ["i32.const", 0],
          ["v128.const", 0, 0, 0, 0],
          ["v128.load8_lane", align, 0, index],
          ["drop"],
          ["end"],
        ],
        { memories },
      );
    expect(reasonOf(() => validateModule(loadLane(0, 15)))).toBe("valid");
    expect(reasonOf(() => validateModule(loadLane(0, 16)))).toBe("invalid lane index");
    expect(reasonOf(() => validateModule(loadLane(1, 0)))).toBe("alignment must not be larger than natural");
  });

  it("accepts v128.const in constant expressions", () => {
    const m = moduleWithFunc([], [], [["end"]], {
      globals: [
        {
          type: { type: 0x7b, mutable: false },
          init: moduleWithFunc([], [], [["v128.const", 0, 0, 0, 0], ["end"]]).codes[0]!.code,
        },
      ],
    });
    expect(reasonOf(() => validateModule(m))).toBe("valid");
  });
});
