import { createHash } from "node:crypto";
import { WebAssembly as Microwasm } from "@microwasm/webassembly";
import { describe, expect, it } from "vitest";
import { nativeWebAssembly } from "../src/engines.js";
import { kernelBytes, kernels } from "../src/kernels.js";
import { largeModule } from "../src/load-module.js";

type Exports = Record<string, (...args: number[]) => number>;

function instantiate(api: typeof Microwasm, bytes: Uint8Array): Exports {
  return new api.Instance(new api.Module(bytes), {}).exports as unknown as Exports;
}

// The benchmark kernels at tiny sizes: microwasm must compute what Node's own engine computes.
describe("benchmark kernels agree with Node's WebAssembly", () => {
  for (const kernel of kernels) {
    it(kernel.name, () => {
      const bytes = kernelBytes(kernel);
      const native = instantiate(nativeWebAssembly as unknown as typeof Microwasm, bytes);
      const micro = instantiate(Microwasm, bytes);
      // Twice each: a kernel's checksum must depend on `reps` alone (the suite warms up first).
      const expected = native.run!(kernel.smoke);
      expect(native.run!(kernel.smoke)).toBe(expected);
      expect(micro.run!(kernel.smoke)).toBe(expected);
      expect(micro.run!(kernel.smoke)).toBe(expected);
    });
  }

  it("sha256 computes SHA-256", () => {
    const input = new Uint8Array(16384).map((_, j) => (j * 7) & 0xff);
    const digest = createHash("sha256").update(input).digest();
    const exports = instantiate(Microwasm, kernelBytes(kernels.find((k) => k.name === "sha256")!));
    for (let i = 0; i < 8; i++) expect(exports.digest_word!(i) >>> 0).toBe(digest.readUInt32BE(i * 4));
  });

  it("the loading benchmark's module is a real, large module", () => {
    const { bytes } = largeModule();
    expect(bytes.length).toBeGreaterThan(5_000_000);
    expect(nativeWebAssembly.validate(bytes)).toBe(true);
  });
});
