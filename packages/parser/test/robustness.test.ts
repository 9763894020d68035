import { CompileError } from "@microwasm/core";
import { canRun, noSpecData, readWasm, specAvailable, specModules } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { parseModule } from "../src/index.js";
import { body, END, section, str, vec, wasm } from "./wasm-builder.js";

/**
 * Fuzz-style robustness: truncated and mutated modules must either parse or fail with a
 * CompileError (never another exception), and must finish. Deterministic: a seeded PRNG.
 */

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Tally {
  parsed: number;
  rejected: number;
  unexpected: string[];
}

function attempt(bytes: Uint8Array, label: string, tally: Tally): void {
  try {
    parseModule(bytes);
    tally.parsed++;
  } catch (e) {
    if (e instanceof CompileError && e.kind === "malformed" && typeof e.offset === "number") {
      expect(e.offset).toBeGreaterThanOrEqual(0);
      expect(e.offset).toBeLessThanOrEqual(bytes.length);
      tally.rejected++;
    } else {
      tally.unexpected.push(`${label}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    }
  }
}

/** A hand-built module touching every section, so mutations reach every decoder. */
const kitchenSink = wasm(
  section(1, vec([0x60, 1, 0x7f, 1, 0x7e], [0x60, 0, 0])),
  section(2, vec([...str("env"), ...str("f"), 0, 1], [...str("env"), ...str("m"), 2, 1, 1, 2])),
  section(3, vec([0], [1])),
  section(4, vec([0x70, 0, 4])),
  section(6, vec([0x7f, 1, 0x41, 0x2a, END])),
  section(7, vec([...str("run"), 0, 1], [...str("tab"), 1, 0])),
  section(8, [2]),
  section(9, vec([0, 0x41, 0, END, ...vec([1], [2])], [5, 0x70, ...vec([0xd0, 0x70, END])])),
  section(12, [1]),
  section(
    10,
    vec(
      body(
        [[1, 0x7e]],
        [
          0x02,
          0x7e,
          0x20,
          0,
          0x04,
          0x7e,
          0x42,
          0x7f,
          0x05,
          0x20,
          0,
          0x28,
          2,
          4,
          0xad,
          0x0b,
          0x0b,
          0x41,
          0,
          0x0e,
          1,
          0,
          0,
          0x1a,
          0xfc,
          0x09,
          0,
          END,
        ],
      ),
      body([], [0x41, 0, 0x41, 0, 0x41, 0, 0xfc, 8, 0, 0, 0x10, 1, 0x3f, 0, 0x1a, END]),
    ),
  ),
  section(11, vec([1, ...str("hello")])),
  section(0, str("name"), [1, 8, ...vec([0, ...str("main")]), 2, 4, ...vec([0, ...vec()])]),
);

describe("robustness", () => {
  it("handles every prefix of a module that uses every section", () => {
    const tally: Tally = { parsed: 0, rejected: 0, unexpected: [] };
    for (let n = 0; n < kitchenSink.length; n++) attempt(kitchenSink.subarray(0, n), `prefix ${n}`, tally);
    expect(tally.unexpected).toEqual([]);
    // Only the whole module, and cuts at section boundaries, can parse.
    expect(tally.rejected).toBeGreaterThan(kitchenSink.length - 20);
    expect(() => parseModule(kitchenSink)).not.toThrow();
  });

  it("handles every single-byte mutation of that module", () => {
    const tally: Tally = { parsed: 0, rejected: 0, unexpected: [] };
    const copy = kitchenSink.slice();
    for (let i = 8; i < copy.length; i++) {
      const original = copy[i]!;
      for (const value of [0x00, 0x01, 0x0b, 0x40, 0x7f, 0x80, 0xff, original ^ 0x80, original + 1]) {
        copy[i] = value & 0xff;
        attempt(copy, `byte ${i} = ${value & 0xff}`, tally);
      }
      copy[i] = original;
    }
    expect(tally.unexpected).toEqual([]);
    expect(tally.parsed).toBeGreaterThan(0);
    expect(tally.rejected).toBeGreaterThan(0);
  });

  it.runIf(canRun(specAvailable, noSpecData))("handles truncated and mutated spec modules", () => {
    const random = prng(0x5eed);
    const seeds = [...specModules("w2"), ...specModules("w2-fallback")]
      .filter((m) => m.command === "module")
      .map((m) => readWasm(m.path));
    expect(seeds.length).toBeGreaterThan(100);
    const tally: Tally = { parsed: 0, rejected: 0, unexpected: [] };
    const started = Date.now();
    let cases = 0;

    // Every prefix of a few small modules.
    const small = seeds.filter((s) => s.length > 40 && s.length < 400).slice(0, 6);
    for (const [k, seed] of small.entries()) {
      for (let n = 0; n < seed.length; n++, cases++)
        attempt(seed.subarray(0, n), `small ${k} prefix ${n}`, tally);
    }

    for (let i = 0; i < 12_000; i++, cases++) {
      const seed = seeds[Math.floor(random() * seeds.length)]!;
      const bytes = seed.slice();
      const mode = i % 4;
      let label: string;
      if (mode === 0) {
        const cut = Math.floor(random() * bytes.length);
        label = `cut at ${cut}`;
        attempt(bytes.subarray(0, cut), label, tally);
        continue;
      }
      const edits = 1 + Math.floor(random() * 4);
      for (let e = 0; e < edits; e++) {
        const at = 8 + Math.floor(random() * Math.max(1, bytes.length - 8));
        if (at >= bytes.length) break;
        if (mode === 1) bytes[at]! ^= 1 << Math.floor(random() * 8);
        else if (mode === 2) bytes[at] = Math.floor(random() * 256);
        else bytes[at] = [0x00, 0x0b, 0x7f, 0x80, 0xff][Math.floor(random() * 5)]!;
      }
      label = `mutation ${i} (mode ${mode})`;
      attempt(bytes, label, tally);
    }

    expect(tally.unexpected).toEqual([]);
    expect(tally.parsed + tally.rejected).toBe(cases);
    expect(tally.rejected).toBeGreaterThan(cases / 2);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
