import { Errno } from "./errno.js";
import type { Description } from "./fd-table.js";
import type { FileSystem, Filestat } from "./filesystem.js";
import { encodeUtf8 } from "./guest-memory.js";
import { resolvePath } from "./resolve-path.js";
import { writeFilestat } from "./struct-writers.js";
import { timesUpdate } from "./times-update.js";
import type { WasiContext } from "./wasi-context.js";
import { WasiError } from "./wasi-error.js";
import {
  FDFLAGS_ALL,
  Filetype,
  Layout,
  Lookupflags,
  Oflags,
  RIGHTS_ALL,
  RIGHTS_DIRECTORY,
  RIGHTS_FILE,
  Rights,
} from "./wasi-types.js";

type DirectoryDescription = Extract<Description, { kind: "directory" }>;

const READ_RIGHTS = Rights.fdRead | Rights.fdReaddir;
const WRITE_RIGHTS = Rights.fdDatasync | Rights.fdWrite | Rights.fdAllocate | Rights.fdFilestatSetSize;

function statOrNull(fs: FileSystem, path: readonly string[]): Filestat | null {
  try {
    return fs.stat(path);
  } catch (error) {
    if (error instanceof WasiError && error.errno === Errno.ENOENT) return null;
    if ((error as { code?: string }).code === "ENOENT") return null;
    throw error;
  }
}

function lastComponent(guestPath: string): string {
  const parts = guestPath.split("/").filter((p) => p !== "");
  return parts[parts.length - 1] ?? ".";
}

/** The path_* calls. Every guest path is resolved by `resolvePath`, inside its directory's filesystem. */
export function pathCalls(ctx: WasiContext) {
  const { fds } = ctx;

  function directory(fd: number, rights: number): { entry: DirectoryDescription; inheriting: number } {
    const entry = fds.get(fd, rights);
    const d = entry.description;
    if (d.kind !== "directory") throw new WasiError(Errno.ENOTDIR);
    return { entry: d, inheriting: entry.rightsInheriting };
  }

  function guestPath(ptr: number, length: number): string {
    return ctx.memory.sync().string(ptr, length);
  }

  return {
    path_create_directory(fd: number, pathPtr: number, pathLength: number): number {
      const path = guestPath(pathPtr, pathLength);
      const dir = directory(fd, Rights.pathCreateDirectory).entry;
      const resolved = resolvePath(dir.fs, dir.path, path, false);
      if (resolved.endsInDot) return Errno.EEXIST;
      dir.fs.mkdir(resolved.path);
      return Errno.SUCCESS;
    },

    path_filestat_get(
      fd: number,
      flags: number,
      pathPtr: number,
      pathLength: number,
      statPtr: number,
    ): number {
      const path = guestPath(pathPtr, pathLength);
      const memory = ctx.memory;
      memory.check(statPtr, Layout.filestat);
      const dir = directory(fd, Rights.pathFilestatGet).entry;
      const resolved = resolvePath(dir.fs, dir.path, path, (flags & Lookupflags.symlinkFollow) !== 0);
      const stat = dir.fs.stat(resolved.path);
      if (resolved.mustBeDirectory && stat.filetype !== Filetype.directory) return Errno.ENOTDIR;
      writeFilestat(memory, statPtr, stat);
      return Errno.SUCCESS;
    },

    path_filestat_set_times(
      fd: number,
      flags: number,
      pathPtr: number,
      pathLength: number,
      atim: bigint,
      mtim: bigint,
      fstFlags: number,
    ): number {
      const path = guestPath(pathPtr, pathLength);
      const dir = directory(fd, Rights.pathFilestatSetTimes).entry;
      const times = timesUpdate(ctx.clocks, atim, mtim, fstFlags);
      const resolved = resolvePath(dir.fs, dir.path, path, (flags & Lookupflags.symlinkFollow) !== 0);
      dir.fs.setTimes(resolved.path, times);
      return Errno.SUCCESS;
    },

    path_link(
      oldFd: number,
      oldFlags: number,
      oldPathPtr: number,
      oldPathLength: number,
      newFd: number,
      newPathPtr: number,
      newPathLength: number,
    ): number {
      const oldPath = guestPath(oldPathPtr, oldPathLength);
      const newPath = guestPath(newPathPtr, newPathLength);
      const source = directory(oldFd, Rights.pathLinkSource).entry;
      const target = directory(newFd, Rights.pathLinkTarget).entry;
      if (source.fs !== target.fs) return Errno.EXDEV;
      const from = resolvePath(source.fs, source.path, oldPath, (oldFlags & Lookupflags.symlinkFollow) !== 0);
      const to = resolvePath(target.fs, target.path, newPath, false);
      const sourceStat = source.fs.stat(from.path);
      if (sourceStat.filetype === Filetype.directory) return Errno.EPERM;
      if (from.mustBeDirectory) return Errno.ENOTDIR;
      if (to.endsInDot || to.mustBeDirectory) {
        return statOrNull(target.fs, to.path) === null ? Errno.ENOENT : Errno.EEXIST;
      }
      source.fs.link(from.path, to.path);
      return Errno.SUCCESS;
    },

    path_open(
      fd: number,
      dirFlags: number,
      pathPtr: number,
      pathLength: number,
      oflags: number,
      rightsBase: bigint,
      rightsInheriting: bigint,
      fdFlags: number,
      openedFdPtr: number,
    ): number {
      const path = guestPath(pathPtr, pathLength);
      ctx.memory.check(openedFdPtr, 4);
      let needed = Rights.pathOpen;
      if (oflags & Oflags.creat) needed |= Rights.pathCreateFile;
      if (oflags & Oflags.trunc) needed |= Rights.pathFilestatSetSize;
      const { entry: dir, inheriting } = directory(fd, needed);
      if ((fdFlags & ~FDFLAGS_ALL) !== 0 || (oflags & ~0xf) !== 0) return Errno.EINVAL;
      const base = Number(rightsBase & BigInt(RIGHTS_ALL)) & inheriting;
      const inherit = Number(rightsInheriting & BigInt(RIGHTS_ALL)) & inheriting;

      const resolved = resolvePath(dir.fs, dir.path, path, (dirFlags & Lookupflags.symlinkFollow) !== 0);
      const stat = statOrNull(dir.fs, resolved.path);
      const wantsWrite = (base & WRITE_RIGHTS) !== 0;
      let opened: number;
      if (stat !== null && stat.filetype === Filetype.directory) {
        if (oflags & Oflags.creat && oflags & Oflags.excl) return Errno.EEXIST;
        // Writing a directory is EISDIR, as open(2) says, with or without O_DIRECTORY (the suite's
        // path_open_preopen); other rights a directory cannot use are simply not granted.
        if (oflags & Oflags.trunc || base & Rights.fdWrite) return Errno.EISDIR;
        opened = fds.insert({
          description: {
            kind: "directory",
            fs: dir.fs,
            path: resolved.path,
            preopenName: null,
            listing: null,
          },
          filetype: Filetype.directory,
          rightsBase: base & RIGHTS_DIRECTORY,
          rightsInheriting: inherit,
          flags: fdFlags,
        });
      } else {
        if (stat === null) {
          if (!(oflags & Oflags.creat)) return Errno.ENOENT;
          if (oflags & Oflags.directory) return Errno.EINVAL;
          if (resolved.mustBeDirectory) return Errno.EISDIR;
        } else {
          if (oflags & Oflags.creat && oflags & Oflags.excl) return Errno.EEXIST;
          if (stat.filetype === Filetype.symbolicLink) return Errno.ELOOP;
          if (oflags & Oflags.directory || resolved.mustBeDirectory) return Errno.ENOTDIR;
        }
        const handle = dir.fs.openFile(resolved.path, {
          read: (base & READ_RIGHTS) !== 0,
          write: wantsWrite,
          create: (oflags & Oflags.creat) !== 0,
          exclusive: (oflags & Oflags.excl) !== 0,
          truncate: (oflags & Oflags.trunc) !== 0,
        });
        let filetype: number;
        try {
          filetype = handle.stat().filetype;
        } catch (error) {
          handle.close();
          throw error;
        }
        opened = fds.insert({
          description: { kind: "file", handle, position: 0 },
          filetype,
          rightsBase: base & RIGHTS_FILE,
          rightsInheriting: inherit,
          flags: fdFlags,
        });
      }
      ctx.memory.sync().setU32(openedFdPtr, opened);
      return Errno.SUCCESS;
    },

    path_readlink(
      fd: number,
      pathPtr: number,
      pathLength: number,
      bufPtr: number,
      bufLength: number,
      bufusedPtr: number,
    ): number {
      const path = guestPath(pathPtr, pathLength);
      const memory = ctx.memory;
      const buffer = memory.bytes(bufPtr, bufLength);
      memory.check(bufusedPtr, 4);
      const dir = directory(fd, Rights.pathReadlink).entry;
      const resolved = resolvePath(dir.fs, dir.path, path, false);
      const target = encodeUtf8(dir.fs.readlink(resolved.path));
      const count = Math.min(target.length, buffer.length);
      buffer.set(target.subarray(0, count));
      memory.setU32(bufusedPtr, count);
      return Errno.SUCCESS;
    },

    path_remove_directory(fd: number, pathPtr: number, pathLength: number): number {
      const path = guestPath(pathPtr, pathLength);
      const dir = directory(fd, Rights.pathRemoveDirectory).entry;
      const resolved = resolvePath(dir.fs, dir.path, path, false);
      if (resolved.endsInDot) return lastComponent(path) === ".." ? Errno.ENOTEMPTY : Errno.EINVAL;
      dir.fs.rmdir(resolved.path);
      return Errno.SUCCESS;
    },

    path_rename(
      fd: number,
      oldPathPtr: number,
      oldPathLength: number,
      newFd: number,
      newPathPtr: number,
      newPathLength: number,
    ): number {
      const oldPath = guestPath(oldPathPtr, oldPathLength);
      const newPath = guestPath(newPathPtr, newPathLength);
      const source = directory(fd, Rights.pathRenameSource).entry;
      const target = directory(newFd, Rights.pathRenameTarget).entry;
      if (source.fs !== target.fs) return Errno.EXDEV;
      const from = resolvePath(source.fs, source.path, oldPath, false);
      const to = resolvePath(target.fs, target.path, newPath, false);
      if (from.endsInDot || to.endsInDot) return Errno.EBUSY;
      if (from.mustBeDirectory || to.mustBeDirectory) {
        const stat = source.fs.stat(from.path);
        if (stat.filetype !== Filetype.directory) return Errno.ENOTDIR;
      }
      source.fs.rename(from.path, to.path);
      return Errno.SUCCESS;
    },

    path_symlink(
      oldPathPtr: number,
      oldPathLength: number,
      fd: number,
      newPathPtr: number,
      newPathLength: number,
    ): number {
      const linkTarget = guestPath(oldPathPtr, oldPathLength);
      const newPath = guestPath(newPathPtr, newPathLength);
      const dir = directory(fd, Rights.pathSymlink).entry;
      // A link that points outside could never be followed by the guest; refuse to make one.
      if (linkTarget.startsWith("/")) return Errno.ENOTCAPABLE;
      if (linkTarget.includes("\0")) return Errno.EILSEQ;
      const resolved = resolvePath(dir.fs, dir.path, newPath, false);
      if (resolved.endsInDot) return Errno.EEXIST;
      if (resolved.mustBeDirectory) {
        // "link/" names a directory: a link cannot be created there (ENOENT when nothing is
        // there, as symlinkat(2) on Linux and the suite's path_symlink_trailing_slashes).
        const stat = statOrNull(dir.fs, resolved.path);
        if (stat === null) return Errno.ENOENT;
        return stat.filetype === Filetype.directory ? Errno.EEXIST : Errno.ENOTDIR;
      }
      dir.fs.symlink(linkTarget, resolved.path);
      return Errno.SUCCESS;
    },

    path_unlink_file(fd: number, pathPtr: number, pathLength: number): number {
      const path = guestPath(pathPtr, pathLength);
      const dir = directory(fd, Rights.pathUnlinkFile).entry;
      const resolved = resolvePath(dir.fs, dir.path, path, false);
      if (resolved.endsInDot) return Errno.EISDIR;
      if (resolved.mustBeDirectory) {
        const stat = dir.fs.stat(resolved.path);
        return stat.filetype === Filetype.directory ? Errno.EISDIR : Errno.ENOTDIR;
      }
      dir.fs.unlink(resolved.path);
      return Errno.SUCCESS;
    },
  };
}
