import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { librarySources, sdkFiles } from "./sdk-files.js";

/** Every file the library's objects depend on: its sources and the SDK's headers. */
function libraryInputs(): string[] {
  const headers = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .flatMap((entry) => {
        const path = join(dir, entry.name);
        return entry.isDirectory() ? headers(path) : entry.name.endsWith(".h") ? [path] : [];
      });
  return [
    ...librarySources(),
    ...headers(sdkFiles.libraryDir),
    ...headers(sdkFiles.includeDir),
    ...headers(sdkFiles.sysrootIncludeDir),
  ];
}

/**
 * The app library's objects, compiled once per clang and library version: every app links
 * the same objects, so a second build only compiles the app. Kept under
 * $MICROWASM_APP_SDK_CACHE (default: the system's temporary directory); a directory appears
 * complete or not at all (compiled aside, then renamed), so concurrent builds can share it.
 */
export function cachedLibraryObjects(
  clang: string,
  compile: (dir: string, sources: string[]) => void,
): string[] {
  const version = spawnSync(clang, ["--version"], { encoding: "utf8" }).stdout ?? "";
  const hash = createHash("sha256").update(clang).update(version);
  for (const path of libraryInputs()) hash.update(path).update(readFileSync(path));
  const root = process.env["MICROWASM_APP_SDK_CACHE"] ?? join(tmpdir(), "microwasm-app-sdk-cache");
  const dir = join(root, hash.digest("hex").slice(0, 16));
  const objects = librarySources().map((source) => join(dir, `${basename(source, ".c")}.o`));
  if (existsSync(join(dir, "complete"))) return objects;

  mkdirSync(root, { recursive: true });
  const partial = mkdtempSync(`${dir}.partial-`);
  try {
    compile(partial, librarySources());
    writeFileSync(join(partial, "complete"), version);
    try {
      renameSync(partial, dir);
    } catch (error) {
      // Another build finished first: its objects are the same.
      if (!existsSync(join(dir, "complete"))) throw error;
    }
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  return objects;
}
