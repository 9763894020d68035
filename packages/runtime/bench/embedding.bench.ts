/**
 * Costs of the embedding layer: a wasm loop calling a native on each convention (converted with
 * a `*~` bounds check, converted all-i32, raw), against the interpreter's plain host function;
 * WAMR's cell call path against the idiomatic one; the app heap's malloc/free.
 * Run: pnpm --filter @microwasm/runtime bench   (medians of 7 runs; the machine is shared: noisy)
 */
import { ValType } from "@microwasm/core";
import { createHostFunction } from "@microwasm/interpreter";
import { wat } from "@microwasm/test-support";
import { type ExecEnv, Runtime } from "../src/index.js";

const CALLS = 300_000;
const RUNS = 7;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function time(label: string, per: number, unit: string, run: () => void): void {
  run(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  const ms = median(samples);
  console.log(
    `${label.padEnd(48)} ${((ms * 1e6) / per).toFixed(1).padStart(8)} ns/${unit}   (median ${ms.toFixed(1)} ms)`,
  );
}

const loopText = (sig: string) => `(module (import "env" "f" (func $f ${sig}))
  (memory (export "memory") 1)
  (func (export "loop") (param $n i32) (local $i i32) (local $acc i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $acc (i32.add (local.get $acc) (call $f (i32.const 64) (i32.const 16))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))))`;
const sig = "(param i32 i32) (result i32)";

const bytes = await wat(loopText(sig));
for (const [label, register] of [
  [
    "converted native, signature (*~)i",
    (r: Runtime) =>
      r.registerNatives("env", [
        { name: "f", signature: "(*~)i", fn: (_e: ExecEnv, b: Uint8Array, n: number) => b[0]! + n },
      ]),
  ],
  [
    "converted native, signature (ii)i",
    (r: Runtime) =>
      r.registerNatives("env", [
        { name: "f", signature: "(ii)i", fn: (_e: ExecEnv, a: number, b: number) => a + b },
      ]),
  ],
  [
    "raw native, signature (ii)i",
    (r: Runtime) =>
      r.registerNativesRaw("env", [
        {
          name: "f",
          signature: "(ii)i",
          fn: (_e, c, base) => {
            c.i32[base] = c.i32[base]! + c.i32[base + 4]!;
          },
        },
      ]),
  ],
] as const) {
  const runtime = new Runtime();
  register(runtime);
  const instance = runtime.load(bytes).instantiate();
  time(label, CALLS, "call", () => instance.call("loop", [CALLS]));
}
{
  const runtime = new Runtime();
  const add = createHostFunction({ params: [ValType.i32, ValType.i32], results: [ValType.i32] }, ([a, b]) => [
    (a as number) + (b as number),
  ]);
  const instance = runtime.load(bytes).instantiate({ imports: { env: { f: add } } });
  time("interpreter host function (boundary values)", CALLS, "call", () => instance.call("loop", [CALLS]));
}

{
  const runtime = new Runtime();
  const instance = runtime
    .load(
      await wat(`(module (func (export "add") (param i32 i64 f64) (result f64)
      (f64.add (f64.convert_i32_s (local.get 0)) (f64.add (f64.convert_i64_s (local.get 1)) (local.get 2)))))`),
    )
    .instantiate();
  const env = instance.createExecEnv(8192);
  const fn = instance.lookupFunction("add")!;
  const argv = new Uint32Array(6);
  const N = 100_000;
  time("wasm_runtime_call_wasm-style call (cells)", N, "call", () => {
    for (let i = 0; i < N; i++) {
      argv[0] = i;
      argv[1] = 1;
      argv[2] = 0;
      argv[3] = 0;
      argv[4] = 0;
      argv[5] = 0;
      env.callWasm(fn, 5, argv);
    }
  });
  time("idiomatic call (boundary values)", N, "call", () => {
    for (let i = 0; i < N; i++) env.call(fn, [i, 1n, 0]);
  });
}

{
  const runtime = new Runtime();
  const instance = runtime.load(await wat(`(module (memory 1))`)).instantiate({ heapSize: 1 << 20 });
  const N = 100_000;
  const live: number[] = new Array(64).fill(0);
  time("app heap malloc+free (64 live blocks, 8-600 bytes)", N, "pair", () => {
    for (let i = 0; i < N; i++) {
      const k = i & 63;
      if (live[k] !== 0) instance.moduleFree(live[k]!);
      live[k] = instance.moduleMalloc(8 + ((i * 37) % 600));
    }
  });
}
