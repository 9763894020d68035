// Turns the package table into dependency-cruiser rules for the workspace at `root`.
// Every rule is "forbidden", so a violation fails `depcruise` (and so `pnpm test`).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { appMayImport, knownApps, packageDependsOn } from "./package-table.mjs";

const workspaceRoots = ["packages", "apps", "tooling", "test"];
/** Files that are not a package's own code: tests, benchmarks, build scripts. */
const nonSource = "(test|bench|scripts)/";

const regexEscape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Every workspace directory that exists (`packages/core`, ...) with its package.json. */
function readWorkspaces(root) {
  const found = [];
  for (const parent of workspaceRoots) {
    const dir = join(root, parent);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const manifest = join(dir, name, "package.json");
      if (existsSync(manifest)) {
        found.push({ dir: `${parent}/${name}`, manifest: JSON.parse(readFileSync(manifest, "utf8")) });
      }
    }
  }
  return found;
}

/** The files a package's `exports` map offers (every condition), as paths from the root. */
function entryFiles(workspace) {
  const files = [];
  const collect = (target) => {
    if (typeof target === "string") files.push(`${workspace.dir}/${target.replace(/^\.\//, "")}`);
    else if (target && typeof target === "object") for (const value of Object.values(target)) collect(value);
  };
  collect(workspace.manifest.exports);
  return files;
}

/** A package's closure in the table: what it depends on, and what those depend on. */
function closure(name, seen = new Set()) {
  for (const dependency of packageDependsOn[name] ?? []) {
    if (!seen.has(dependency)) {
      seen.add(dependency);
      closure(dependency, seen);
    }
  }
  return seen;
}

/** Workspace dependencies a package.json declares (for its tests), as directories. */
function declaredDirs(workspace, dirByName) {
  const { dependencies = {}, devDependencies = {} } = workspace.manifest;
  return Object.keys({ ...dependencies, ...devDependencies })
    .map((name) => dirByName.get(name))
    .filter((dir) => dir !== undefined);
}

/** A regex matching any path under one of `dirs`. */
const under = (dirs) => (dirs.length === 0 ? "^$" : `^(${dirs.map(regexEscape).join("|")})/`);

/**
 * The dependency-cruiser configuration for the workspace at `root`.
 * `exceptions` maps a source directory (e.g. "apps/cli/src") to extra package directories it
 * may import, each a temporary exception that names its reason.
 */
export function layerConfig(root, exceptions = {}) {
  const workspaces = readWorkspaces(root);
  const dirByName = new Map(workspaces.map((w) => [w.manifest.name, w.dir]));
  const ours = `^(${workspaceRoots.join("|")})/`;
  const forbidden = [];

  const restrict = (name, from, allowedDirs, comment) =>
    forbidden.push({
      name,
      comment,
      severity: "error",
      from: { path: from },
      to: { path: ours, pathNot: under(allowedDirs) },
    });

  // A package the table does not place cannot be checked: it must get its row first.
  for (const workspace of workspaces.filter((w) => w.dir.startsWith("packages/"))) {
    const name = workspace.dir.slice("packages/".length);
    if (!(name in packageDependsOn))
      throw new Error(`${workspace.dir} is not in the package table (tooling/layers/package-table.mjs)`);
  }

  for (const name of Object.keys(packageDependsOn)) {
    const dir = `packages/${name}`;
    const below = [...closure(name)].map((d) => `packages/${d}`);
    const extra = exceptions[`${dir}/src`] ?? [];
    restrict(
      `layers: ${name}`,
      `^${regexEscape(dir)}/src/`,
      [dir, ...below, ...extra],
      `${name} may import only what the package table puts below it: ${[...closure(name)].join(", ") || "nothing"}`,
    );
    const workspace = workspaces.find((w) => w.dir === dir);
    const declared = workspace ? declaredDirs(workspace, dirByName) : [];
    restrict(
      `layers: ${name} tests`,
      `^${regexEscape(dir)}/${nonSource}`,
      [dir, ...below, ...declared],
      `${name}'s tests may import what ${name} may, and the dev dependencies its package.json declares`,
    );
  }

  const appDirs = appMayImport.map((d) => `packages/${d}`);
  const apps = new Set([
    ...knownApps,
    ...workspaces.filter((w) => w.dir.startsWith("apps/")).map((w) => w.dir.slice(5)),
  ]);
  for (const name of apps) {
    const dir = `apps/${name}`;
    const extra = exceptions[`${dir}/src`] ?? [];
    restrict(
      `layers: app ${name}`,
      `^${regexEscape(dir)}/src/`,
      [dir, ...appDirs, ...extra],
      `apps are clients of runtime and webassembly (and their extensions), never of the engine`,
    );
    const workspace = workspaces.find((w) => w.dir === dir);
    const declared = workspace ? declaredDirs(workspace, dirByName) : [];
    restrict(
      `layers: app ${name} tests`,
      `^${regexEscape(dir)}/${nonSource}`,
      [dir, ...appDirs, ...declared],
      `an app's tests may import what the app may, and the dev dependencies its package.json declares`,
    );
  }

  // Shared tooling sits under everything: it may not reach into the packages it serves.
  for (const workspace of workspaces.filter((w) => w.dir.startsWith("tooling/"))) {
    restrict(
      `layers: ${workspace.dir}`,
      `^${regexEscape(workspace.dir)}/`,
      [workspace.dir],
      "shared tooling imports no workspace package",
    );
  }

  for (const workspace of workspaces) {
    const self = regexEscape(workspace.dir);
    const entries = workspaces.filter((w) => w !== workspace).flatMap(entryFiles);
    forbidden.push({
      name: "entry points only",
      comment: "another package is reached only through what its exports map offers",
      severity: "error",
      from: { path: `^${self}/` },
      to: { path: ours, pathNot: [`^${self}/`, ...entries.map((file) => `^${regexEscape(file)}$`)] },
    });
    forbidden.push({
      name: "by name only",
      comment: "another package is imported by its name (@microwasm/x), never by a relative path",
      severity: "error",
      from: { path: `^${self}/` },
      to: { path: ours, pathNot: `^${self}/`, dependencyTypes: ["local"] },
    });
  }

  forbidden.push({
    name: "entry points only",
    comment: "a path inside @microwasm/x that its exports map does not offer",
    severity: "error",
    from: {},
    to: { path: "^@microwasm/", couldNotResolve: true },
  });

  const tsConfig = join(root, "tsconfig.json");
  return {
    forbidden,
    options: {
      doNotFollow: { path: "node_modules" },
      exclude: { path: "(^|/)(node_modules|dist|\\.turbo)/" },
      tsPreCompilationDeps: true,
      ...(existsSync(tsConfig) ? { tsConfig: { fileName: tsConfig } } : {}),
      enhancedResolveOptions: {
        // Workspace packages resolve to their sources, as in vitest and tsc.
        conditionNames: ["source", "import", "require", "default"],
        exportsFields: ["exports"],
        extensions: [".ts", ".mts", ".js", ".mjs", ".cjs", ".json"],
      },
    },
  };
}
