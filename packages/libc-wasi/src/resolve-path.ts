import { Errno } from "./errno.js";
import type { FileSystem } from "./filesystem.js";
import { WasiError } from "./wasi-error.js";
import { Filetype } from "./wasi-types.js";

/** Symbolic links followed in one resolution before ELOOP (Linux's limit for a path). */
const MAX_SYMLINKS = 40;

export interface ResolvedPath {
  /** Components from the filesystem's root. */
  readonly path: string[];
  /**
   * Whether the guest path named a directory explicitly ("dir/", ".", ".."): operations that
   * create or remove an entry then have no name to work on.
   */
  readonly mustBeDirectory: boolean;
  /** The final component was "." or "..", or the path resolved to the root itself. */
  readonly endsInDot: boolean;
}

/**
 * Resolves a guest path relative to directory `base` (components from `fs`'s root) without
 * ever leaving `base`: a directory descriptor is a capability for what is under it, so an
 * absolute path, a ".." above `base` (even one that comes back down into it), or a symbolic
 * link whose target is absolute or climbs above `base` fails with ENOTCAPABLE, as in wasmtime
 * and the official WASI test suite (`interesting_paths`). Every symbolic link
 * before the last component is followed here, by reading it and resolving its target with
 * the same rules; the last one too when `followFinal`. The backend thus only ever sees
 * paths inside its root whose leading components are real directories.
 */
export function resolvePath(
  fs: FileSystem,
  base: readonly string[],
  guestPath: string,
  followFinal: boolean,
): ResolvedPath {
  if (guestPath.length === 0) throw new WasiError(Errno.ENOENT);
  if (guestPath.includes("\0")) throw new WasiError(Errno.EILSEQ);
  if (guestPath.startsWith("/")) throw new WasiError(Errno.ENOTCAPABLE, "(absolute path)");

  const stack = [...base];
  let mustBeDirectory = guestPath.endsWith("/");
  let endsInDot = false;
  const pending = guestPath.split("/").filter((part) => part !== "");
  let followed = 0;
  // A trailing slash makes the final component a directory reference: follow it.
  let follow = followFinal || mustBeDirectory;

  while (pending.length > 0) {
    const part = pending.shift()!;
    const last = pending.length === 0;
    if (part === ".") {
      if (last) endsInDot = true;
      continue;
    }
    if (part === "..") {
      if (stack.length <= base.length) throw new WasiError(Errno.ENOTCAPABLE, "(path escapes its directory)");
      stack.pop();
      if (last) endsInDot = true;
      continue;
    }
    endsInDot = false;
    stack.push(part);
    if (last && !follow) break;
    let filetype: number;
    try {
      filetype = fs.stat(stack).filetype;
    } catch (error) {
      // A missing final component is for the operation to handle (creation, ENOENT).
      if (last && error instanceof WasiError && error.errno === Errno.ENOENT) break;
      if (last && (error as { code?: string }).code === "ENOENT") break;
      throw error;
    }
    if (filetype === Filetype.symbolicLink) {
      if (++followed > MAX_SYMLINKS) throw new WasiError(Errno.ELOOP);
      const target = fs.readlink(stack);
      stack.pop();
      if (target.length === 0) throw new WasiError(Errno.ENOENT);
      if (target.startsWith("/"))
        throw new WasiError(Errno.ENOTCAPABLE, "(symbolic link to an absolute path)");
      if (last && target.endsWith("/")) mustBeDirectory = true;
      const parts = target.split("/").filter((p) => p !== "");
      pending.unshift(...parts);
      if (last) {
        follow = true;
        if (parts.length === 0) endsInDot = true;
      }
      continue;
    }
    if (!last && filetype !== Filetype.directory) throw new WasiError(Errno.ENOTDIR);
  }
  if (stack.length === 0) endsInDot = true;
  return { path: stack, mustBeDirectory, endsInDot };
}
