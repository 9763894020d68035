import { readdirSync, readFileSync } from "node:fs";
import { wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { type FunctionInstance, invoke } from "../src/index.js";
import { instantiateWat } from "./load.js";

/** The SIMD benchmark kernels (bench-kernels-simd/) compute the same checksums here and on node. */

interface NodeWebAssembly {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, (...args: number[]) => number> };
}
const nodeWasm = (globalThis as unknown as { WebAssembly: NodeWebAssembly }).WebAssembly;

const dir = new URL("../bench-kernels-simd/", import.meta.url);
const kernels = readdirSync(dir).filter((file) => file.endsWith(".wat"));

describe("SIMD benchmark kernels", () => {
  it("exist", () => expect(kernels.length).toBeGreaterThan(0));
  for (const file of kernels) {
    it(`${file}: same checksum as node's engine`, async () => {
      const text = readFileSync(new URL(file, dir), "utf8");
      const node = new nodeWasm.Instance(new nodeWasm.Module(await wat(text))).exports;
      const ours = await instantiateWat(text);
      const fn = (name: string) => ours.exports.get(name) as FunctionInstance;
      node.init!();
      invoke(fn("init"), []);
      expect(invoke(fn("run"), [2])).toEqual([node.run!(2)]);
    });
  }
});
