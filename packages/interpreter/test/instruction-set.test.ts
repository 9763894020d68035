import { readFileSync } from "node:fs";
import { opcodeById } from "@microwasm/core";
import { describe, expect, it } from "vitest";
import { Internal, instructionById, instructionSet, operandWords } from "../src/internal-ops.js";

/**
 * The internal instruction set is declared once (internal-ops.ts); the loop's `switch` and the
 * compiler's keep literal `case`s (V8 builds jump tables only for those), each with the op's
 * name in a comment. These tests read the sources and check every case against the tables, so
 * an id, a name or a layout that disagrees fails here.
 */

const source = (file: string) => readFileSync(new URL(`../src/${file}`, import.meta.url), "utf8");

interface CaseGroup {
  /** (id, name) per label, names from the comments. */
  readonly labels: readonly { id: number; name: string }[];
  /** The code from the last label to the next group. */
  readonly body: string;
  readonly line: number;
}

/** The name a comment starts with: `// i32.add_imm: ...` and `// copy (numeric)` give the op. */
function commentName(comment: string): string {
  return /^\s*\/\/\s*([A-Za-z0-9_.]+)/.exec(comment)?.[1] ?? "";
}

/**
 * The `case 0x..:` groups of a source, with names: a label's own comment (`case 0x6a: // i32.add`)
 * or the comment opening the group's block (`case 0x41: case 0x43: { // i32.const, f32.const`,
 * one name per label without its own, or one name for all of them).
 */
function caseGroups(text: string): CaseGroup[] {
  const lines = text.split("\n");
  const groups: CaseGroup[] = [];
  const label = /^\s*case (0x[0-9a-f]+):(.*)$/;
  for (let i = 0; i < lines.length; ) {
    if (!label.test(lines[i]!)) {
      i++;
      continue;
    }
    const start = i;
    const raw: { id: number; comment: string }[] = [];
    for (let m = label.exec(lines[i]!); m !== null; m = label.exec(lines[++i]!)) {
      raw.push({ id: Number(m[1]), comment: m[2]!.trim() });
    }
    const lastOpensBlock = raw[raw.length - 1]!.comment === "{";
    const blockComment = lastOpensBlock && lines[i]!.trim().startsWith("//") ? lines[i]!.trim().slice(2) : "";
    // The names come before any ":" (what follows explains the op).
    const shared = blockComment
      .split(":")[0]!
      .split(",")
      .map((part) => commentName(`//${part}`));
    const unnamed = raw.filter((r) => !r.comment.startsWith("//"));
    let k = 0;
    const labels = raw.map((r) => {
      if (r.comment.startsWith("//")) return { id: r.id, name: commentName(r.comment) };
      const name = unnamed.length === shared.length ? shared[k++]! : shared.length === 1 ? shared[0]! : "";
      return { id: r.id, name };
    });
    let end = i;
    while (end < lines.length && !label.test(lines[end]!)) end++;
    groups.push({ labels, body: lines.slice(i, end).join("\n"), line: start + 1 });
  }
  return groups;
}

describe("the internal instruction set", () => {
  it("has unique ids, below the dense range the loop switches over", () => {
    const ids = instructionSet.map((op) => op.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toBeLessThan(0x112);
    for (const [key, id] of Object.entries(Internal)) expect(instructionById(id), key).toBeDefined();
  });

  it("gives ops that keep their wasm id the wasm name", () => {
    for (const op of instructionSet) {
      const wasm = opcodeById(op.id);
      if (wasm !== undefined && instructionById(op.id)?.name === wasm.name) continue;
      // Not a wasm operator's id, or one (a control operator) that never reaches internal code.
      expect(Object.values(Internal), op.name).toContain(op.id);
    }
  });

  it("matches every case of the loop (and of its rare ops) by id, name, length and slot operands", () => {
    // The loop (execute.ts) runs some ops and leaves the rest to executeRare (execute-rare.ts):
    // every op is run by exactly one of them.
    const groups = [
      ...caseGroups(source("execute.ts")).map((g) => ({ ...g, file: "execute.ts" })),
      ...caseGroups(source("execute-rare.ts")).map((g) => ({ ...g, file: "execute-rare.ts" })),
    ];
    const seen = new Set<number>();
    for (const group of groups) {
      for (const { id, name } of group.labels) {
        const op = instructionById(id);
        const where = `${group.file}:${group.line} case 0x${id.toString(16)}`;
        expect(op, where).toBeDefined();
        expect(name, where).toBe(op!.name);
        expect(seen.has(id), `${where} is run twice`).toBe(false);
        seen.add(id);
        // `pc += n` steps over the whole instruction.
        for (const step of group.body.matchAll(/\bpc \+= (\d+);/g)) {
          expect(Number(step[1]), `${op!.name}: pc step`).toBe(op!.words);
        }
        // Operands read as `fp + code[pc + k]` are slots, and no operand is read past the end
        // (checked where the body serves one op).
        if (group.labels.length > 1) continue;
        const wordKinds: string[] = [];
        for (const operand of op!.operands) {
          for (let w = 0; w < operandWords(operand.kind); w++) wordKinds.push(operand.kind);
        }
        for (const read of group.body.matchAll(/(fp \+ )?code\[pc \+ (\d+)\]/g)) {
          const k = Number(read[2]);
          if (op!.tail === null && op!.words > 0)
            expect(k, `${op!.name}: reads word ${k}`).toBeLessThan(op!.words);
          if (read[1] !== undefined) {
            expect(wordKinds[k - 1], `${op!.name}: operand ${k} read as a slot`).toBe("slot");
          }
        }
      }
    }
    expect([...seen].sort((a, b) => a - b)).toEqual(instructionSet.map((op) => op.id));
  });

  it("names the wasm ops of the compiler's and the rules' switches correctly", () => {
    for (const file of ["compile-function.ts", "superinstructions.ts"]) {
      const groups = caseGroups(source(file));
      expect(groups.length).toBeGreaterThan(10);
      for (const group of groups) {
        for (const { id, name } of group.labels) {
          expect(name, `${file}:${group.line} case 0x${id.toString(16)}`).toBe(opcodeById(id)?.name);
        }
      }
    }
  });
});
