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
 * the spec's reasons (see `trapClassesMatch`). Where one side ran out of stack or time, the lines
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
    if (e !== a && !trapsMatch(e, a)) return { kind: "different", line: i + 1, expected: e, actual: a };
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

export function formatTranscript(t: Transcript): string {
  return [`setup: ${t.setup ?? "ok"}`, ...t.lines, ...(t.ended ? [`ended: ${t.ended}`] : [])].join("\n");
}
