import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { specAvailable, specModules } from "@microwasm/test-support";

/** Real modules to mutate: the repository's examples and benchmark kernels, and the spec suite's valid modules. */

const repoRoot = resolve(fileURLToPath(new URL("../../..", import.meta.url)));

export interface CorpusModule {
  /** Where it came from, relative to the repository (or `spec:<group>/<script>:<line>`). */
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** The 2.0 groups of the spec suite whose valid modules join the corpus. */
const SPEC_GROUPS = ["w2", "w2-simd"];

export function loadCorpus(): CorpusModule[] {
  const out: CorpusModule[] = [];
  for (const dir of ["examples", "test/bench/kernels"]) {
    const full = join(repoRoot, dir);
    if (!existsSync(full)) continue;
    for (const file of readdirSync(full).sort()) {
      if (file.endsWith(".wasm"))
        out.push({ name: relative(repoRoot, join(full, file)), bytes: read(join(full, file)) });
    }
  }
  if (specAvailable) {
    for (const group of SPEC_GROUPS) {
      for (const m of specModules(group)) {
        if (m.command === "module")
          out.push({ name: `spec:${group}/${m.script}:${m.line}`, bytes: read(m.path) });
      }
    }
  }
  return out;
}

function read(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}
