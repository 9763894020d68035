import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * A benchmark kernel: a freestanding module (C in `kernels/`, built by `kernels/build.sh`) that
 * exports `run(reps: i32) -> i32`, whose work grows linearly with `reps` and whose result is a
 * checksum of everything it computed.
 */
export interface Kernel {
  readonly name: string;
  /** What it exercises. */
  readonly what: string;
  /** `reps` for the full suite: about one second on Node's own WebAssembly (on the reference machine). */
  readonly full: number;
  /** `reps` for `--quick`: a few tens of milliseconds natively. */
  readonly quick: number;
  /** `reps` for the smoke test in `pnpm test`: milliseconds on microwasm. */
  readonly smoke: number;
}

export const kernels: readonly Kernel[] = [
  { name: "fib", what: "recursive calls: fib(24)", full: 5_000, quick: 200, smoke: 2 },
  { name: "sieve", what: "sieve of Eratosthenes over 1 MB of memory", full: 400, quick: 16, smoke: 1 },
  { name: "sha256", what: "i32 bit operations: SHA-256 of 16 KiB", full: 12_000, quick: 480, smoke: 2 },
  { name: "matmul", what: "f64 arithmetic: 64x64 matrix multiply", full: 6_000, quick: 240, smoke: 2 },
  {
    name: "i64",
    what: "i64 multiply, rotate, divide, remainder",
    full: 250_000_000,
    quick: 10_000_000,
    smoke: 20_000,
  },
  {
    name: "bulk",
    what: "memory.copy / memory.fill and copy loops, 64 KiB",
    full: 200_000,
    quick: 8_000,
    smoke: 70,
  },
  {
    name: "indirect",
    what: "call_indirect through a table of 8 functions",
    full: 150_000_000,
    quick: 6_000_000,
    smoke: 20_000,
  },
];

const kernelDir = fileURLToPath(new URL("../kernels/", import.meta.url));

/** The kernel's committed .wasm bytes. */
export function kernelBytes(kernel: Kernel): Uint8Array {
  return new Uint8Array(readFileSync(`${kernelDir}${kernel.name}.wasm`));
}
