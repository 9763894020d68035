import * as fs from "node:fs";
import { Errno } from "./errno.js";
import type {
  DirEntry,
  FileHandle,
  FileSystem,
  Filestat,
  OpenFileOptions,
  Path,
  TimesUpdate,
} from "./filesystem.js";
import { WasiError } from "./wasi-error.js";
import { Filetype } from "./wasi-types.js";

const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_NOFOLLOW } = fs.constants;

/**
 * A host directory tree as a WASI filesystem, confined to `root`. The WASI layer resolves
 * every path component itself (symbolic links included, checked against the preopen's root),
 * so this backend only ever receives paths below `root` whose components before the last are
 * real directories; it opens files with O_NOFOLLOW and never follows a link on its own.
 */
export class NodeFileSystem implements FileSystem {
  /** The host directory, with symbolic links in its own path resolved. */
  readonly root: string;

  constructor(hostDirectory: string) {
    let root: string;
    try {
      root = fs.realpathSync(hostDirectory);
    } catch (error) {
      throw new Error(`cannot open directory ${hostDirectory}: ${(error as Error).message}`);
    }
    if (!fs.statSync(root).isDirectory()) throw new Error(`${hostDirectory} is not a directory`);
    this.root = root;
  }

  private host(path: Path): string {
    return path.length === 0 ? this.root : `${this.root}/${path.join("/")}`;
  }

  stat(path: Path): Filestat {
    return toFilestat(fs.lstatSync(this.host(path), { bigint: true }));
  }

  readlink(path: Path): string {
    return fs.readlinkSync(this.host(path), "utf8");
  }

  openFile(path: Path, options: OpenFileOptions): FileHandle {
    let flags = O_NOFOLLOW;
    if (options.write) flags |= options.read ? O_RDWR : O_WRONLY;
    else flags |= O_RDONLY;
    if (options.create) flags |= O_CREAT;
    if (options.create && options.exclusive) flags |= O_EXCL;
    if (options.truncate) flags |= O_TRUNC;
    const fd = fs.openSync(this.host(path), flags, 0o666);
    if (fs.fstatSync(fd).isDirectory()) {
      fs.closeSync(fd);
      throw new WasiError(Errno.EISDIR);
    }
    return new NodeFileHandle(fd);
  }

  readdir(path: Path): DirEntry[] {
    const host = this.host(path);
    return fs.readdirSync(host, { withFileTypes: true }).map((entry) => {
      let ino = 0n;
      try {
        ino = fs.lstatSync(`${host}/${entry.name}`, { bigint: true }).ino;
      } catch {
        // removed meanwhile: still listed, as the directory read saw it
      }
      return { name: entry.name, filetype: direntFiletype(entry), ino };
    });
  }

  mkdir(path: Path): void {
    fs.mkdirSync(this.host(path));
  }

  rmdir(path: Path): void {
    if (path.length === 0) throw new WasiError(Errno.EBUSY);
    fs.rmdirSync(this.host(path));
  }

  unlink(path: Path): void {
    fs.unlinkSync(this.host(path));
  }

  rename(from: Path, to: Path): void {
    fs.renameSync(this.host(from), this.host(to));
  }

  link(from: Path, to: Path): void {
    fs.linkSync(this.host(from), this.host(to));
  }

  symlink(target: string, path: Path): void {
    fs.symlinkSync(target, this.host(path));
  }

  // Node has no UTIME_OMIT: a time left unchanged is written back as read, to the microsecond.
  setTimes(path: Path, times: TimesUpdate): void {
    const host = this.host(path);
    const current = fs.lstatSync(host, { bigint: true });
    fs.lutimesSync(host, seconds(times.atim ?? current.atimeNs), seconds(times.mtim ?? current.mtimeNs));
  }
}

class NodeFileHandle implements FileHandle {
  constructor(private readonly fd: number) {}

  pread(into: Uint8Array, position: number): number {
    return fs.readSync(this.fd, into, 0, into.length, position);
  }

  pwrite(from: Uint8Array, position: number): number {
    return fs.writeSync(this.fd, from, 0, from.length, position);
  }

  stat(): Filestat {
    return toFilestat(fs.fstatSync(this.fd, { bigint: true }));
  }

  setSize(size: number): void {
    fs.ftruncateSync(this.fd, size);
  }

  setTimes(times: TimesUpdate): void {
    const current = fs.fstatSync(this.fd, { bigint: true });
    fs.futimesSync(this.fd, seconds(times.atim ?? current.atimeNs), seconds(times.mtim ?? current.mtimeNs));
  }

  sync(): void {
    fs.fsyncSync(this.fd);
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

/**
 * A time for Node's utimes family, which takes seconds as a double: libuv (1.46, Node 20)
 * truncates them to whole microseconds, so that is all the precision a set time keeps. The
 * half microsecond added keeps the double's rounding (about 0.24 µs today) from truncating
 * to the microsecond before (1600000000.987654 s was set as ...987653 µs).
 */
function seconds(ns: bigint): number {
  return (Number(ns / 1000n) + 0.5) / 1e6;
}

function statsFiletype(stats: fs.BigIntStats | fs.Dirent): number {
  if (stats.isFile()) return Filetype.regularFile;
  if (stats.isDirectory()) return Filetype.directory;
  if (stats.isSymbolicLink()) return Filetype.symbolicLink;
  if (stats.isCharacterDevice()) return Filetype.characterDevice;
  if (stats.isBlockDevice()) return Filetype.blockDevice;
  if (stats.isSocket()) return Filetype.socketStream;
  return Filetype.unknown;
}

function direntFiletype(entry: fs.Dirent): number {
  return statsFiletype(entry);
}

function toFilestat(stats: fs.BigIntStats): Filestat {
  return {
    dev: stats.dev,
    ino: stats.ino,
    filetype: statsFiletype(stats),
    nlink: stats.nlink,
    size: stats.size,
    atim: stats.atimeNs,
    mtim: stats.mtimeNs,
    ctim: stats.ctimeNs,
  };
}
