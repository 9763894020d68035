import { describe, expect, it } from "vitest";
import { compareTranscripts, type Transcript, v128NansMatch } from "../src/transcript.js";

const run = (
  lines: string[],
  ended: Transcript["ended"] = null,
  setup: string | null = null,
): Transcript => ({
  setup,
  lines,
  ended,
});

describe("compareTranscripts", () => {
  it("is same only when every line matches", () => {
    expect(compareTranscripts(run(["call f", "log i32 5"]), run(["call f", "log i32 5"]))).toEqual({
      kind: "same",
      lines: 2,
    });
    expect(compareTranscripts(run(["call f", "log i32 5"]), run(["call f", "log i32 7"]))).toEqual({
      kind: "different",
      line: 2,
      expected: "log i32 5",
      actual: "log i32 7",
    });
  });

  it("treats a missing or extra line as a difference", () => {
    expect(compareTranscripts(run(["call f", "result 1"]), run(["call f"]))).toMatchObject({
      kind: "different",
      line: 2,
      actual: "(end)",
    });
  });

  it("compares setups first", () => {
    expect(
      compareTranscripts(run([], null, null), run([], null, "compile failed: CompileError: x")),
    ).toMatchObject({
      kind: "different",
      line: 0,
      expected: "ok",
    });
  });

  it("matches trap classes exactly, except V8's one message for both truncation traps", () => {
    const trap = (c: string) => run(["call f", `trap ${c}`]);
    expect(compareTranscripts(trap("memory"), trap("memory")).kind).toBe("same");
    expect(compareTranscripts(trap("memory"), trap("table")).kind).toBe("different");
    expect(compareTranscripts(trap("float-to-int"), trap("overflow")).kind).toBe("same");
    expect(compareTranscripts(trap("float-to-int"), trap("conversion")).kind).toBe("same");
    expect(compareTranscripts(trap("overflow"), trap("conversion")).kind).toBe("different");
  });

  it("stops comparing where a side ran out of stack, but not before", () => {
    expect(
      compareTranscripts(run(["call f", "log i32 1", "call g"]), run(["call f", "log i32 1"], "exhausted")),
    ).toEqual({ kind: "incomparable", reason: "exhausted (tested engine)", line: 2 });
    expect(
      compareTranscripts(run(["call f", "log i32 1"]), run(["call f", "log i32 2"], "exhausted")).kind,
    ).toBe("different");
  });

  it("takes v128 values that differ only in lanes NaN on both sides as the same (the spec's NaN choice)", () => {
    // Found by the fuzzer: f64x2.add of two NaNs, V8's payload from one operand, ours from the other.
    const v8 = "log v128 0x51000000 0x4f800000 0x43190000 0xffffce54";
    const ours = "log v128 0x51000000 0x4f800000 0x00570100 0xfffb01ae";
    expect(compareTranscripts(run(["call f", v8]), run(["call f", ours]))).toEqual({
      kind: "same",
      lines: 2,
    });
    expect(v128NansMatch("log v128 0x7fc00000 0x1 0x2 0x3", "log v128 0x7fc00001 0x1 0x2 0x3")).toBe(true);
    // A NaN on one side only, or a differing lane that is no NaN, is a difference.
    expect(v128NansMatch("log v128 0x7fc00000 0x1 0x2 0x3", "log v128 0x3f800000 0x1 0x2 0x3")).toBe(false);
    expect(v128NansMatch(v8, "log v128 0x51000001 0x4f800000 0x00570100 0xfffb01ae")).toBe(false);
    expect(v128NansMatch("log i32 1", "log i32 2")).toBe(false);
  });
});
