import { trapClassesMatch } from "./trap-class.js";

/**
 * What one engine did with one module under the fuzz-exec protocol, one line per event:
 *
 *   call <export>                       before each exported function is called
 *   log i32 <n> | log i64 <n>           a fuzzing-support log call
 *   log f32 <hex bits> | log f64 <hex bits> | log v128 <4 hex i32 lanes>
 *   result <values>                     what the call returned (JS API conversions)
 *   trap <class>                        a RuntimeError, classed as in `trap-class.ts`
 *   TypeError                           the JS API refused the call (v128 in the signature)
 *
 * and a final line for what ended the run early, if anything: `exhausted` (the call stack ran
 * out: where is an engine's choice) or `timeout`.
 */
export interface Transcript {
  /** `null` when the module compiled and instantiated, else why not (e.g. "CompileError: ..."). */
  readonly setup: string | null;
  readonly lines: readonly string[];
  /** Set when an engine ran out of a resource; the comparison stops there. */
  readonly ended: "exhausted" | "timeout" | null;
}

export type Comparison =
  | { readonly kind: "same"; readonly lines: number }
  | { readonly kind: "different"; readonly line: number; readonly expected: string; readonly actual: string }
  /** Not comparable past `line`: one side exhausted its stack or timed out. */
  | { readonly kind: "incomparable"; readonly reason: string; readonly line: number };

/**
 * Compares a transcript (`actual`, the engine under test) with the reference (`expected`,
 * Node's). Lines must match exactly, except trap classes where V8's messages are coarser than
 * the spec's reasons (see `trapClassesMatch`), and v128 values that differ only in lanes that
 * are NaN on both sides (see `v128NansMatch`). Where one side ran out of stack or time, the lines
 * before that point must still match.
 */
export function compareTranscripts(expected: Transcript, actual: Transcript): Comparison {
  if (expected.setup !== actual.setup) {
    return { kind: "different", line: 0, expected: expected.setup ?? "ok", actual: actual.setup ?? "ok" };
  }
  const n = Math.min(expected.lines.length, actual.lines.length);
  for (let i = 0; i < n; i++) {
    const e = expected.lines[i]!;
    const a = actual.lines[i]!;
    if (e !== a && !trapsMatch(e, a) && !v128NansMatch(e, a))
      return { kind: "different", line: i + 1, expected: e, actual: a };
  }
  const ended = expected.ended ?? actual.ended;
  if (ended !== null) {
    const who = expected.ended && actual.ended ? "both" : expected.ended ? "reference" : "tested engine";
    return { kind: "incomparable", reason: `${ended} (${who})`, line: n };
  }
  if (expected.lines.length !== actual.lines.length) {
    return {
      kind: "different",
      line: n + 1,
      expected: expected.lines[n] ?? "(end)",
      actual: actual.lines[n] ?? "(end)",
    };
  }
  return { kind: "same", lines: n };
}

function trapsMatch(expected: string, actual: string): boolean {
  return (
    expected.startsWith("trap ") &&
    actual.startsWith("trap ") &&
    trapClassesMatch(expected.slice(5), actual.slice(5))
  );
}

/** The four 32-bit lanes of a `log v128` line, or null for another line. */
function v128Lanes(line: string): number[] | null {
  if (!line.startsWith("log v128 ")) return null;
  const lanes = line
    .slice(9)
    .split(" ")
    .map((hex) => Number.parseInt(hex, 16));
  return lanes.length === 4 && lanes.every((lane) => Number.isInteger(lane)) ? lanes : null;
}

const isF32Nan = (bits: number) => (bits & 0x7f80_0000) === 0x7f80_0000 && (bits & 0x007f_ffff) !== 0;
const isF64Nan = (low: number, high: number) =>
  (high & 0x7ff0_0000) === 0x7ff0_0000 && ((high & 0x000f_ffff) !== 0 || low !== 0);

/**
 * Two logged v128 values that differ only where both hold NaNs, read as f32 lanes or as f64
 * lanes. binaryen's --denan removes NaNs from scalar floats but not from v128 constants, and
 * the spec lets float SIMD arithmetic return any NaN of its inputs (f64x2.add of two NaNs:
 * V8 returns the first operand's payload, a JS `+` the second's): an engine's choice, not a bug.
 */
export function v128NansMatch(expected: string, actual: string): boolean {
  const e = v128Lanes(expected);
  const a = v128Lanes(actual);
  if (e === null || a === null) return false;
  const asF32 = e.every((lane, i) => lane === a[i] || (isF32Nan(lane) && isF32Nan(a[i]!)));
  const asF64 = [0, 2].every(
    (i) =>
      (e[i] === a[i] && e[i + 1] === a[i + 1]) || (isF64Nan(e[i]!, e[i + 1]!) && isF64Nan(a[i]!, a[i + 1]!)),
  );
  return asF32 || asF64;
}

export function formatTranscript(t: Transcript): string {
  return [`setup: ${t.setup ?? "ok"}`, ...t.lines, ...(t.ended ? [`ended: ${t.ended}`] : [])].join("\n");
}
