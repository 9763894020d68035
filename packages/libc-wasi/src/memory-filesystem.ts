import { hostClocks } from "./clocks.js";
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
import { Clockid, Filetype } from "./wasi-types.js";

/** The wall clock, to the microsecond that performance.now() gives (Date.now() has only milliseconds). */
function nowNs(): bigint {
  return hostClocks.now(Clockid.realtime);
}

abstract class MemoryNode {
  nlink = 1n;
  atim: bigint;
  mtim: bigint;
  ctim: bigint;
  constructor(
    readonly ino: bigint,
    readonly filetype: number,
  ) {
    this.atim = this.mtim = this.ctim = nowNs();
  }
  abstract get size(): number;
}

class MemoryFile extends MemoryNode {
  data = new Uint8Array(0);
  length = 0;
  get size(): number {
    return this.length;
  }
  resize(size: number): void {
    if (size > this.data.length) {
      const grown = new Uint8Array(Math.max(size, this.data.length * 2));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    } else if (size < this.length) {
      this.data.fill(0, size, this.length);
    }
    this.length = size;
  }
}

class MemoryDirectory extends MemoryNode {
  readonly entries = new Map<string, MemoryNode>();
  get size(): number {
    return this.entries.size;
  }
}

class MemorySymlink extends MemoryNode {
  constructor(
    ino: bigint,
    readonly target: string,
  ) {
    super(ino, Filetype.symbolicLink);
  }
  get size(): number {
    return new TextEncoder().encode(this.target).length;
  }
}

let nextDevice = 1n;

/**
 * A filesystem held in memory: for workers, browsers and tests. Entries are files, directories
 * and symbolic links with inode numbers, link counts and nanosecond times. `writeFile`,
 * `readFile` and `mkdirp` let the embedder fill and inspect it with "/"-separated paths.
 */
export class MemoryFileSystem implements FileSystem {
  private readonly dev = nextDevice++;
  private nextIno = 1n;
  private readonly root = new MemoryDirectory(this.nextIno++, Filetype.directory);

  /** Creates a file (and its parent directories), replacing one that exists. */
  writeFile(path: string, contents: string | Uint8Array): void {
    const parts = split(path);
    if (parts.length === 0) throw new WasiError(Errno.EISDIR);
    this.mkdirp(parts.slice(0, -1).join("/"));
    const bytes = typeof contents === "string" ? new TextEncoder().encode(contents) : contents;
    const handle = this.openFile(parts, {
      read: false,
      write: true,
      create: true,
      exclusive: false,
      truncate: true,
    });
    handle.pwrite(bytes, 0);
  }

  /** The contents of a file. */
  readFile(path: string): Uint8Array {
    const node = this.lookup(split(path));
    if (!(node instanceof MemoryFile)) throw new WasiError(Errno.EISDIR);
    return node.data.slice(0, node.length);
  }

  mkdirp(path: string): void {
    const parts = split(path);
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i);
      const existing = this.find(prefix);
      if (existing === undefined) this.mkdir(prefix);
      else if (!(existing instanceof MemoryDirectory)) throw new WasiError(Errno.ENOTDIR);
    }
  }

  stat(path: Path): Filestat {
    return this.statOf(this.lookup(path));
  }

  readlink(path: Path): string {
    const node = this.lookup(path);
    if (!(node instanceof MemorySymlink)) throw new WasiError(Errno.EINVAL);
    return node.target;
  }

  openFile(path: Path, options: OpenFileOptions): FileHandle {
    const { dir, name } = this.parent(path);
    let node = dir.entries.get(name);
    if (node === undefined) {
      if (!options.create) throw new WasiError(Errno.ENOENT);
      node = new MemoryFile(this.nextIno++, Filetype.regularFile);
      dir.entries.set(name, node);
      dir.mtim = dir.ctim = nowNs();
    } else if (options.create && options.exclusive) {
      throw new WasiError(Errno.EEXIST);
    }
    if (node instanceof MemoryDirectory) throw new WasiError(Errno.EISDIR);
    if (node instanceof MemorySymlink) throw new WasiError(Errno.ELOOP);
    const file = node as MemoryFile;
    if (options.truncate && file.length > 0) {
      file.resize(0);
      file.mtim = file.ctim = nowNs();
    }
    return this.handleFor(file);
  }

  readdir(path: Path): DirEntry[] {
    const node = this.lookup(path);
    if (!(node instanceof MemoryDirectory)) throw new WasiError(Errno.ENOTDIR);
    return [...node.entries].map(([name, entry]) => ({ name, filetype: entry.filetype, ino: entry.ino }));
  }

  mkdir(path: Path): void {
    const { dir, name } = this.parent(path);
    if (dir.entries.has(name)) throw new WasiError(Errno.EEXIST);
    const created = new MemoryDirectory(this.nextIno++, Filetype.directory);
    created.nlink = 2n;
    dir.entries.set(name, created);
    dir.nlink++;
    dir.mtim = dir.ctim = nowNs();
  }

  rmdir(path: Path): void {
    if (path.length === 0) throw new WasiError(Errno.EBUSY);
    const { dir, name } = this.parent(path);
    const node = dir.entries.get(name);
    if (node === undefined) throw new WasiError(Errno.ENOENT);
    if (!(node instanceof MemoryDirectory)) throw new WasiError(Errno.ENOTDIR);
    if (node.entries.size > 0) throw new WasiError(Errno.ENOTEMPTY);
    dir.entries.delete(name);
    dir.nlink--;
    node.nlink = 0n;
    dir.mtim = dir.ctim = nowNs();
  }

  unlink(path: Path): void {
    const { dir, name } = this.parent(path);
    const node = dir.entries.get(name);
    if (node === undefined) throw new WasiError(Errno.ENOENT);
    if (node instanceof MemoryDirectory) throw new WasiError(Errno.EISDIR);
    dir.entries.delete(name);
    node.nlink--;
    node.ctim = dir.mtim = dir.ctim = nowNs();
  }

  rename(from: Path, to: Path): void {
    const source = this.parent(from);
    const node = source.dir.entries.get(source.name);
    if (node === undefined) throw new WasiError(Errno.ENOENT);
    const target = this.parent(to);
    const existing = target.dir.entries.get(target.name);
    if (existing === node) return;
    if (node instanceof MemoryDirectory) {
      if (to.length >= from.length && from.every((part, i) => to[i] === part)) {
        throw new WasiError(Errno.EINVAL);
      }
      if (existing !== undefined) {
        if (!(existing instanceof MemoryDirectory)) throw new WasiError(Errno.ENOTDIR);
        if (existing.entries.size > 0) throw new WasiError(Errno.ENOTEMPTY);
      }
    } else if (existing instanceof MemoryDirectory) {
      throw new WasiError(Errno.EISDIR);
    }
    if (existing !== undefined) {
      existing.nlink = existing instanceof MemoryDirectory ? 0n : existing.nlink - 1n;
      if (existing instanceof MemoryDirectory) target.dir.nlink--;
    }
    source.dir.entries.delete(source.name);
    target.dir.entries.set(target.name, node);
    if (node instanceof MemoryDirectory && source.dir !== target.dir) {
      source.dir.nlink--;
      target.dir.nlink++;
    }
    const now = nowNs();
    node.ctim = source.dir.mtim = source.dir.ctim = target.dir.mtim = target.dir.ctim = now;
  }

  link(from: Path, to: Path): void {
    const node = this.lookup(from);
    if (node instanceof MemoryDirectory) throw new WasiError(Errno.EPERM);
    const { dir, name } = this.parent(to);
    if (dir.entries.has(name)) throw new WasiError(Errno.EEXIST);
    dir.entries.set(name, node);
    node.nlink++;
    node.ctim = dir.mtim = dir.ctim = nowNs();
  }

  symlink(target: string, path: Path): void {
    const { dir, name } = this.parent(path);
    if (dir.entries.has(name)) throw new WasiError(Errno.EEXIST);
    dir.entries.set(name, new MemorySymlink(this.nextIno++, target));
    dir.mtim = dir.ctim = nowNs();
  }

  setTimes(path: Path, times: TimesUpdate): void {
    applyTimes(this.lookup(path), times);
  }

  private handleFor(file: MemoryFile): FileHandle {
    const statOf = () => this.statOf(file);
    return {
      pread(into, position) {
        if (position >= file.length) return 0;
        const count = Math.min(into.length, file.length - position);
        into.set(file.data.subarray(position, position + count));
        file.atim = nowNs();
        return count;
      },
      pwrite(from, position) {
        const end = position + from.length;
        if (end > file.length) file.resize(end);
        file.data.set(from, position);
        file.mtim = file.ctim = nowNs();
        return from.length;
      },
      stat: statOf,
      setSize(size) {
        file.resize(size);
        file.mtim = file.ctim = nowNs();
      },
      setTimes(times) {
        applyTimes(file, times);
      },
      sync() {},
      close() {},
    };
  }

  private statOf(node: MemoryNode): Filestat {
    return {
      dev: this.dev,
      ino: node.ino,
      filetype: node.filetype,
      nlink: node.nlink,
      size: BigInt(node.size),
      atim: node.atim,
      mtim: node.mtim,
      ctim: node.ctim,
    };
  }

  private find(path: Path): MemoryNode | undefined {
    let node: MemoryNode = this.root;
    for (const part of path) {
      if (!(node instanceof MemoryDirectory)) return undefined;
      const next = node.entries.get(part);
      if (next === undefined) return undefined;
      node = next;
    }
    return node;
  }

  private lookup(path: Path): MemoryNode {
    let node: MemoryNode = this.root;
    for (const part of path) {
      if (!(node instanceof MemoryDirectory)) throw new WasiError(Errno.ENOTDIR);
      const next = node.entries.get(part);
      if (next === undefined) throw new WasiError(Errno.ENOENT);
      node = next;
    }
    return node;
  }

  private parent(path: Path): { dir: MemoryDirectory; name: string } {
    if (path.length === 0) throw new WasiError(Errno.EEXIST);
    const dir = this.lookup(path.slice(0, -1));
    if (!(dir instanceof MemoryDirectory)) throw new WasiError(Errno.ENOTDIR);
    return { dir, name: path[path.length - 1]! };
  }
}

function applyTimes(node: MemoryNode, times: TimesUpdate): void {
  if (times.atim !== null) node.atim = times.atim;
  if (times.mtim !== null) node.mtim = times.mtim;
  node.ctim = nowNs();
}

function split(path: string): string[] {
  return path.split("/").filter((part) => part !== "" && part !== ".");
}
