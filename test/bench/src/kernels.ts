import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * A benchmark kernel: a freestanding module (C in `kernels/`, built by `kernels/build.sh`; SIMD
 * kernels in WebAssembly text, built by `kernels/build-wat.ts`) that exports
 * `run(reps: i32) -> i32`, whose work grows linearly with `reps` and whose result is a checksum
 * of everything it computed. A run's checksum depends on `reps` alone (kernels set up their
 * own data), so warm-up calls do not change it.
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
  /**
   * A SIMD kernel (issue 3): reported with its own geometric mean, outside the scalar goals. Its
   * full size is smaller (about 40 ms natively), since the interpreter is far from native here.
   */
  readonly simd?: boolean;
  /** A WebAssembly 3.0 kernel (issue 15): reported with its own geometric mean, outside the scalar goals. */
  readonly wasm3?: boolean;
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
  {
    name: "saxpy-f32x4",
    what: "SIMD: y = a*x + y over 4096 f32",
    full: 100_000,
    quick: 4_000,
    smoke: 2,
    simd: true,
  },
  {
    name: "dot-i16x8",
    what: "SIMD: i16 dot product, 8192 lanes",
    full: 100_000,
    quick: 4_000,
    smoke: 2,
    simd: true,
  },
  {
    name: "count-bytes-i8x16",
    what: "SIMD: count a byte value in 60 KiB",
    full: 30_000,
    quick: 1_200,
    smoke: 1,
    simd: true,
  },
  {
    name: "mat4-f32x4",
    what: "SIMD: 4x4 matrix times 2048 vec4",
    full: 15_000,
    quick: 600,
    smoke: 1,
    simd: true,
  },
  {
    name: "tailcall",
    what: "3.0 tail calls: a musttail-threaded interpreter, mutual recursion",
    full: 20_000,
    quick: 800,
    smoke: 2,
    wasm3: true,
  },
  {
    name: "exceptions",
    what: "3.0 exceptions: throw 8 frames deep through catch_all/rethrow frames",
    full: 200_000,
    quick: 8_000,
    smoke: 20,
    wasm3: true,
  },
];

const kernelDir = fileURLToPath(new URL("../kernels/", import.meta.url));

/** The kernel's committed .wasm bytes. */
export function kernelBytes(kernel: Kernel): Uint8Array {
  return new Uint8Array(readFileSync(`${kernelDir}${kernel.name}.wasm`));
}
