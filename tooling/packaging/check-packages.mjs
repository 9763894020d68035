// `pnpm lint:packages [DIR...]`: every published package (packages/*, apps/* not marked private) is packed
// as `pnpm publish` would pack it, then checked by publint, by arethetypeswrong and for the
// metadata and LICENSE every package must carry. Prints one line per package; exits 1 on a problem.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { checkPackage, createPackageFromTarballData } from "@arethetypeswrong/core";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * arethetypeswrong problems we accept, each with its reason.
 * CJSResolvesToESM: the packages are ES modules only (`"type": "module"`), by design; CommonJS
 * callers use `import()` (or `require()` of ESM on Node versions that have it).
 */
const acceptedProblems = new Set(["CJSResolvesToESM"]);

/** Fields a published package.json must have (`repository` with its `directory`). */
function missingMetadata(manifest) {
  const missing = [];
  for (const field of ["description", "keywords", "homepage", "bugs", "license", "main", "types", "exports"])
    if (manifest[field] === undefined) missing.push(field);
  if (manifest.repository?.directory === undefined) missing.push("repository.directory");
  if (manifest.engines?.node !== ">=20") missing.push('engines.node ">=20"');
  if (!manifest.files?.includes("LICENSE")) missing.push('"LICENSE" in files');
  return missing;
}

async function check(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const problems = missingMetadata(manifest).map((field) => `package.json: no ${field}`);
  // pnpm pack falls back to the workspace root's LICENSE; npm pack does not.
  if (!existsSync(join(dir, "LICENSE"))) problems.push("no LICENSE file in the package directory");
  const out = mkdtempSync(join(tmpdir(), "microwasm-pack-"));
  try {
    await run("pnpm", ["pack", "--pack-destination", out], { cwd: dir });
    const tarball = readFileSync(
      join(
        out,
        readdirSync(out).find((f) => f.endsWith(".tgz")),
      ),
    );
    const bytes = new Uint8Array(tarball.buffer, tarball.byteOffset, tarball.byteLength);

    const lint = await publint({ pack: { tarball: bytes.slice().buffer }, strict: true });
    for (const message of lint.messages) problems.push(`publint: ${formatMessage(message, lint.pkg)}`);

    const packed = createPackageFromTarballData(bytes);
    if (!packed.fileExists(`/node_modules/${manifest.name}/LICENSE`))
      problems.push("the tarball has no LICENSE");
    const types = await checkPackage(packed);
    if (types.types === false) problems.push("attw: the package ships no types");
    for (const problem of types.problems ?? []) {
      if (acceptedProblems.has(problem.kind)) continue;
      const where = [problem.entrypoint, problem.resolutionKind].filter(Boolean).join(" from ");
      problems.push(`attw: ${problem.kind}${where ? ` (${where})` : ""}`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return { name: manifest.name, problems };
}

// Directories given on the command line, or every workspace under packages/ and apps/.
const given = process.argv.slice(2).map((dir) => resolve(dir));
const published = (
  given.length > 0
    ? given
    : ["packages", "apps"].flatMap((parent) =>
        readdirSync(join(root, parent)).map((name) => join(root, parent, name)),
      )
)
  .filter((dir) => existsSync(join(dir, "package.json")))
  .filter((dir) => JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).private !== true)
  .sort();

// A few at a time: packing is mostly waiting on the package manager.
const results = [];
const queue = [...published];
await Promise.all(
  Array.from({ length: 4 }, async () => {
    for (let dir = queue.shift(); dir !== undefined; dir = queue.shift()) results.push(await check(dir));
  }),
);

let failed = 0;
for (const { name, problems } of results.sort((a, b) => a.name.localeCompare(b.name))) {
  if (problems.length === 0) {
    console.log(`ok ${name}`);
    continue;
  }
  failed++;
  console.log(`FAIL ${name}\n  ${problems.join("\n  ")}`);
}
console.log(`packages: ${results.length - failed} ok, ${failed} with problems (publint, attw, metadata)`);
process.exitCode = failed === 0 ? 0 : 1;
