import { wat } from "@microwasm/test-support";
import { WebAssembly as Microwasm } from "@microwasm/webassembly";
import { describe, expect, it } from "vitest";
import { nodeEngine } from "../src/engines.js";
import { mutate, mutateModule, paddedLeb, readSections } from "../src/mutators.js";
import { Random } from "../src/random.js";
import { bodyCount, dropExport, exportCount, stubBody } from "../src/reduce-bodies.js";

const source = `(module
  (memory 1)
  (func $a (export "a") (result i32) (i32.add (i32.const 1) (i32.const 2)))
  (func $b (export "b") (param i64) (result i64) (local.get 0)))`;

describe("mutators", () => {
  it("pads LEBs: five bytes is still a u32, six is too long (on both engines)", async () => {
    expect(paddedLeb(3, 3)).toEqual([0x83, 0x80, 0x00]);
    const bytes = await wat(source);
    const sections = readSections(bytes);
    expect(sections.map((s) => s.id)).toEqual([1, 3, 5, 7, 10, 0]); // 0: the name section
    const padTo = (length: number): Uint8Array => {
      const s = sections[0]!;
      const size = s.end - s.contentStart;
      return new Uint8Array([
        ...bytes.subarray(0, s.sizeAt),
        ...paddedLeb(size, length),
        ...bytes.subarray(s.end - size),
      ]);
    };
    for (const [length, valid] of [
      [5, true],
      [6, false],
    ] as const) {
      expect(nodeEngine.api.validate(padTo(length))).toBe(valid);
      expect(Microwasm.validate(padTo(length))).toBe(valid);
    }
  });

  it("is deterministic for a seed", async () => {
    const bytes = await wat(source);
    expect(mutateModule(bytes, 42)).toEqual(mutateModule(bytes, 42));
    expect(mutate(bytes, "truncate", new Random(1)).length).toBeLessThan(bytes.length);
  });
});

describe("the body reducer", () => {
  it("drops exports and stubs bodies, leaving valid modules", async () => {
    const bytes = await wat(source);
    expect(exportCount(bytes)).toBe(2);
    expect(bodyCount(bytes)).toBe(2);
    const fewer = dropExport(bytes, 0);
    expect(exportCount(fewer)).toBe(1);
    expect(nodeEngine.api.validate(fewer)).toBe(true);
    const stubbed = stubBody(bytes, 1);
    expect(nodeEngine.api.validate(stubbed)).toBe(true);
    const instance = new Microwasm.Instance(new Microwasm.Module(stubbed));
    expect((instance.exports["a"] as () => number)()).toBe(3);
    expect(() => (instance.exports["b"] as (x: bigint) => bigint)(1n)).toThrow(Microwasm.RuntimeError);
  });
});
