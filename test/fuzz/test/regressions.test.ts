import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compareEngines, verdictOf } from "../src/differential.js";
import { microwasmEngine, nodeEngine, TIERS } from "../src/engines.js";

// Minimised modules on which microwasm once differed from Node's engine (regressions/), and
// ones on which it still does (regressions/pending/, see the README there).

const dir = (sub: string): string => fileURLToPath(new URL(`../regressions/${sub}`, import.meta.url));
const wasmFiles = (sub: string): string[] => readdirSync(dir(sub)).filter((f) => f.endsWith(".wasm"));
const read = (sub: string, file: string): Uint8Array => new Uint8Array(readFileSync(`${dir(sub)}/${file}`));

describe.each(TIERS)("regressions on the %s tier", (tier) => {
  const engine = microwasmEngine(tier, { timeoutMs: 10_000 });
  for (const file of wasmFiles("")) {
    it(`${file} runs as on Node's engine`, () => {
      expect(verdictOf(compareEngines(read("", file), engine))).toBe("same");
    });
  }
  for (const file of wasmFiles("pending")) {
    it(`pending/${file} is a valid module on Node (whether it still differs is printed)`, () => {
      const bytes = read("pending", file);
      expect(nodeEngine.api.validate(bytes)).toBe(true);
      console.info(`pending/${file} on ${tier}: ${verdictOf(compareEngines(bytes, engine))}`);
    });
  }
});
