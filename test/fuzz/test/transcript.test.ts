import { describe, expect, it } from "vitest";
import { compareTranscripts, type Transcript } from "../src/transcript.js";

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
});
