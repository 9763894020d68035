import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// The library suite at its smoke size: each library, through its own glue, gives on microwasm
// exactly what it gives on Node's WebAssembly. It runs the built suite (worker threads load
// compiled JS), which `pnpm test` builds first.
const main = new URL("../dist/main.js", import.meta.url).pathname;

describe("libraries that ship wasm on npm, through their own glue", () => {
  it("compute the same on microwasm as on Node's WebAssembly (quick sizes)", () => {
    expect(existsSync(main), `${main} is missing: run pnpm build first`).toBe(true);
    const json = join(mkdtempSync(join(tmpdir(), "bench-libraries-")), "result.json");
    const run = spawnSync(process.execPath, [main, "--quick", "--repeat", "1", "--json", json], {
      encoding: "utf8",
      timeout: 600_000,
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(json, "utf8")) as {
      cases: {
        name: string;
        node?: { checksum: string };
        interpreter?: { checksum: string };
        aot?: { checksum: string };
      }[];
    };
    expect(report.cases.map((c) => c.name)).toEqual([
      "sha256",
      "xxhash64",
      "sqlite",
      "zstd",
      "brotli",
      "png",
    ]);
    for (const c of report.cases) {
      expect(c.interpreter?.checksum, c.name).toBe(c.node?.checksum);
      expect(c.aot?.checksum, c.name).toBe(c.node?.checksum);
      expect(c.node?.checksum.length, c.name).toBeGreaterThan(0);
    }
  }, 600_000);
});
