import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compareEngines, verdictOf } from "./differential.js";
import type { FuzzEngine, Tier } from "./engines.js";
import { binaryenFeatureFlags, type FeatureSetName } from "./feature-sets.js";
import type { FuzzPool } from "./pool.js";
import { reduceBodies } from "./reduce-bodies.js";

/**
 * Shrinks a module that shows a difference, keeping candidates whose verdict (differs, and on
 * what kind of transcript line) is unchanged: first by dropping exports and stubbing whole bodies
 * (reduce-bodies.ts, byte-exact elsewhere), then with binaryen's `wasm-reduce`. binaryen reads a
 * module into its own IR and writes it back, which changes instruction sequences, so a compiler
 * bug that needs an exact sequence may not survive wasm-reduce; its result is kept only when the
 * verdict is still the same.
 *
 * wasm-reduce runs a command per candidate; ours is a small client of a server in this process,
 * so each check costs a module run rather than a Node start with TypeScript loading. Every check
 * runs on the pool: a candidate may loop forever (reductions remove the generated module's hang
 * limits along with everything else).
 */

const client = fileURLToPath(new URL("./reduce-client.mjs", import.meta.url));

export interface Minimised {
  readonly bytes: Uint8Array;
  /** The reduced module as text (`wasm-dis`). */
  readonly text: string;
  readonly verdict: string;
  /** False when nothing could be removed: `bytes` is the input. */
  readonly reduced: boolean;
}

async function checkBytes(pool: FuzzPool, bytes: Uint8Array, tier: Tier): Promise<string> {
  const result = await pool.run({ kind: "verdict", bytes, tier });
  return result.kind === "verdict" ? result.verdict : result.kind;
}

export async function minimise(
  bytes: Uint8Array,
  featureSet: FeatureSetName,
  tier: Tier,
  pool: FuzzPool,
  options: { readonly timeoutMs?: number } = {},
): Promise<Minimised> {
  const verdict = (candidate: Uint8Array): Promise<string> => checkBytes(pool, candidate, tier);
  const original = await verdict(bytes);
  const stubbed = await reduceBodies(bytes, original, verdict);
  const reduced = await wasmReduce(stubbed, featureSet, verdict, options.timeoutMs ?? 10 * 60_000);
  const best =
    reduced && reduced.length < stubbed.length && (await verdict(reduced)) === original ? reduced : stubbed;
  return { bytes: best, text: disassemble(best), verdict: original, reduced: best.length < bytes.length };
}

/** binaryen's wasm-reduce on `bytes`; null when it fails or finds nothing to keep. */
async function wasmReduce(
  bytes: Uint8Array,
  featureSet: FeatureSetName,
  verdict: (candidate: Uint8Array) => Promise<string>,
  timeoutMs: number,
): Promise<Uint8Array | null> {
  const dir = mkdtempSync(join(tmpdir(), "microwasm-reduce-"));
  const socketPath = join(dir, "verdict.sock");
  const server = createServer((socket) => {
    let path = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => {
      path += chunk;
    });
    socket.on("error", () => {});
    socket.on("end", () => {
      void verdict(new Uint8Array(readFileSync(path))).then((v) => socket.end(v));
    });
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  try {
    const input = join(dir, "input.wasm");
    const test = join(dir, "test.wasm");
    const work = join(dir, "work.wasm");
    writeFileSync(input, bytes);
    const flags = binaryenFeatureFlags(featureSet);
    return await run(
      "wasm-reduce",
      [
        input,
        `--command=node ${client} ${socketPath} ${test}`,
        `-t=${test}`,
        `-w=${work}`,
        "--denan",
        `--extra-flags=${flags.join(" ")}`,
        ...flags,
        "--timeout=10",
        "--force",
        `--binaries=${binaryenBinDir()}`,
      ],
      timeoutMs,
    ).then(
      () => new Uint8Array(readFileSync(work)),
      () => null,
    );
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function disassemble(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), "microwasm-dis-"));
  try {
    writeFileSync(join(dir, "m.wasm"), bytes);
    return spawnSync("wasm-dis", [join(dir, "m.wasm")], { encoding: "utf8" }).stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** wasm-reduce runs wasm-opt from a directory it is told (it does not search PATH). */
function binaryenBinDir(): string {
  const which = spawnSync("sh", ["-c", "command -v wasm-opt"], { encoding: "utf8" }).stdout.trim();
  return which ? dirname(which) : "/usr/bin";
}

/** The one-line verdict wasm-reduce compares: it must not change while the module shrinks. */
export function verdictFor(bytes: Uint8Array, engine: FuzzEngine): string {
  try {
    return verdictOf(compareEngines(bytes, engine));
  } catch (e) {
    return `error ${e instanceof Error ? e.name : typeof e}`;
  }
}

function run(command: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"], timeout: timeoutMs });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr.slice(-2000)}`)),
    );
  });
}
