import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The layer rule run on a small planted workspace: each bad import below must be reported, and
 * the good ones must not. The workspace mirrors the real one (packages resolved by name through
 * node_modules links, exports maps with a source condition).
 */

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const depcruise = join(repo, "node_modules/.bin/depcruise");
const config = join(repo, "tooling/layers/dependency-cruiser.config.mjs");

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
}

let root = "";

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

function workspacePackage(dir: string, devDependencies: readonly string[] = []): void {
  const name = `@microwasm/${dir.split("/")[1]}`;
  const dev = Object.fromEntries(devDependencies.map((d) => [`@microwasm/${d}`, "workspace:*"]));
  write(
    `${dir}/package.json`,
    JSON.stringify({
      name,
      type: "module",
      exports: { ".": { source: "./src/index.ts", default: "./dist/index.js" } },
      devDependencies: dev,
    }),
  );
  write(`${dir}/src/index.ts`, "export const x = 1;\n");
  mkdirSync(join(root, "node_modules/@microwasm"), { recursive: true });
  symlinkSync(join(root, dir), join(root, "node_modules", name));
}

function cruise(): Violation[] {
  const run = spawnSync(depcruise, ["--config", config, "--output-type", "json", "packages", "apps"], {
    cwd: root,
    encoding: "utf8",
  });
  if (run.stdout === "") throw new Error(`depcruise printed nothing: ${run.stderr}`);
  const { summary } = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  return summary.violations;
}

describe("the layer rule", () => {
  let violations: Violation[] = [];
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "microwasm-layers-"));
    workspacePackage("packages/core");
    workspacePackage("packages/interpreter");
    workspacePackage("packages/runtime");
    workspacePackage("packages/parser", ["interpreter"]);
    workspacePackage("packages/libc-builtin");
    workspacePackage("apps/gateway"); // an app not named in the table: every apps/ directory is covered
    write("packages/core/src/opcodes.ts", "export const y = 2;\n");
    write(
      "packages/parser/src/index.ts",
      [
        'import { x } from "@microwasm/core";', // down: allowed
        'import { x as up } from "@microwasm/interpreter";', // sideways
        'import { y } from "../../core/src/opcodes.js";', // past core's entry, by a relative path
        'import { y as deep } from "@microwasm/core/src/opcodes.js";', // not in core's exports
        "export const all = [x, up, y, deep];",
      ].join("\n"),
    );
    // A test may import its package's declared dev dependencies through their entries.
    write("packages/parser/test/a.test.ts", 'import { x } from "@microwasm/interpreter";\nexport { x };\n');
    write("packages/libc-builtin/src/natives.ts", 'export { x } from "@microwasm/runtime";\n');
    write(
      "apps/gateway/src/main.ts",
      'export { x } from "@microwasm/interpreter";\nexport { x as r } from "@microwasm/runtime";\n',
    );
    violations = cruise();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const found = (from: string, to: string) =>
    violations.filter((v) => v.from === from && v.to === to).map((v) => v.rule.name);

  it("rejects an import sideways or up the table", () => {
    expect(found("packages/parser/src/index.ts", "packages/interpreter/src/index.ts")).toContain(
      "layers: parser",
    );
    expect(found("packages/libc-builtin/src/natives.ts", "packages/runtime/src/index.ts")).toContain(
      "layers: libc-builtin",
    );
  });
  it("rejects an app importing the engine, not the runtime", () => {
    expect(found("apps/gateway/src/main.ts", "packages/interpreter/src/index.ts")).toEqual([
      "layers: app gateway",
    ]);
    expect(found("apps/gateway/src/main.ts", "packages/runtime/src/index.ts")).toEqual([]);
  });
  it("rejects a deep import past a package's entry points", () => {
    expect(found("packages/parser/src/index.ts", "packages/core/src/opcodes.ts").sort()).toEqual([
      "by name only",
      "entry points only",
    ]);
    expect(found("packages/parser/src/index.ts", "@microwasm/core/src/opcodes.js")).toEqual([
      "entry points only",
    ]);
  });
  it("accepts imports down the table and a test's declared dev dependencies", () => {
    expect(found("packages/parser/src/index.ts", "packages/core/src/index.ts")).toEqual([]);
    expect(found("packages/parser/test/a.test.ts", "packages/interpreter/src/index.ts")).toEqual([]);
  });
  it("reports nothing else", () => {
    expect(violations).toHaveLength(6);
  });
  it("fails the command, as pnpm test needs", () => {
    const run = spawnSync(depcruise, ["--config", config, "packages", "apps"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(run.status).toBe(6);
    expect(run.stdout).toContain("layers: app gateway");
  });
});
