import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** A built file of apps/worker (`pnpm build` makes them; `pnpm test` builds first). */
export function distFile(name: string): string {
  return fileURLToPath(new URL(`../dist/${name}`, import.meta.url));
}

export const distBuilt = existsSync(distFile("microwasm.js")) && existsSync(distFile("microwasm.es5.js"));
export const notBuilt = "apps/worker/dist is not built (run pnpm build)";

/** The engine checks script (plain ES5), as text to evaluate in an engine. */
export const engineChecks = readFileSync(
  fileURLToPath(new URL("./engine-checks.js", import.meta.url)),
  "utf8",
);
