import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const appDir = fileURLToPath(new URL("..", import.meta.url));
/** tsx's loader by path, so that the CLI also starts from another working directory. */
const tsx = pathToFileURL(join(appDir, "node_modules/tsx/dist/loader.mjs")).href;
const runner = fileURLToPath(new URL("./node-wasi-runner.mjs", import.meta.url));

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly input?: string;
  /** Options for Node itself (e.g. --disallow-code-generation-from-strings). */
  readonly nodeArgs?: readonly string[];
}

/** Runs the CLI from its TypeScript sources. */
export function microwasm(args: readonly string[], options: RunOptions = {}): Run {
  const result = spawnSync(
    process.execPath,
    [...(options.nodeArgs ?? []), "--import", tsx, "--conditions=source", `${appDir}src/cli.ts`, ...args],
    {
      cwd: options.cwd ?? appDir,
      input: options.input ?? "",
      encoding: "utf8",
      env: { ...process.env, NODE_OPTIONS: "" },
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same command line under Node's own WebAssembly and node:wasi: the reference output. */
export function nodeWasi(args: readonly string[], options: RunOptions = {}): Run {
  const result = spawnSync(process.execPath, ["--no-warnings", runner, ...args], {
    cwd: options.cwd ?? appDir,
    input: options.input ?? "",
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
