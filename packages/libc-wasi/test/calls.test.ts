import {
  CollectedOutput,
  Errno,
  MemoryFileSystem,
  MemorySocketListener,
  Rights,
  WASIExitError,
  wasiSignatures,
} from "@microwasm/libc-wasi";
import { describe, expect, it } from "vitest";
import { Guest, sandboxedGuest } from "./guest.js";

/** Calls whose every pointer is checked before anything else can fail. */
const withPointers = new Set([
  "args_get",
  "args_sizes_get",
  "environ_get",
  "environ_sizes_get",
  "clock_time_get",
  "random_get",
  "fd_write",
  "fd_read",
  "fd_readdir",
  "fd_prestat_dir_name",
  "path_open",
  "poll_oneoff",
]);

describe("bounds checks", () => {
  it("every call answers a bad pointer with EFAULT (or another errno), never a host exception", () => {
    const { guest } = sandboxedGuest();
    const bad = 0xfffffff0 | 0;
    for (const [name, signature] of Object.entries(wasiSignatures)) {
      if (name === "proc_exit" || name === "proc_raise") continue;
      // fd 3 is the preopen, so fd calls get past the descriptor check to the pointers.
      for (const fd of [3, 0]) {
        const args = signature.params.map((type, i) => (type === "i64" ? 0n : i === 0 ? fd : bad));
        const errno = guest.calls[name]!(...args);
        expect(typeof errno, name).toBe("number");
        if (withPointers.has(name)) expect(errno, name).not.toBe(Errno.SUCCESS);
      }
    }
  });

  it("a range that ends past memory is EFAULT; one that ends at its last byte is fine", () => {
    const guest = new Guest();
    const size = guest.memory.buffer.byteLength;
    expect(guest.calls["random_get"]!(size - 16, 16)).toBe(Errno.SUCCESS);
    expect(guest.calls["random_get"]!(size - 16, 17)).toBe(Errno.EFAULT);
    expect(guest.calls["args_sizes_get"]!(size - 2, 0)).toBe(Errno.EFAULT);
    // An iovec pointing outside memory, inside a valid iovec array.
    const iov = guest.alloc(8);
    guest.view.setUint32(iov, size - 4, true);
    guest.view.setUint32(iov + 4, 8, true);
    expect(guest.calls["fd_write"]!(1, iov, 1, guest.alloc(4))).toBe(Errno.EFAULT);
  });

  it("follows the memory when it grows", () => {
    const guest = new Guest();
    const old = guest.memory.buffer.byteLength;
    guest.memory.grow(1);
    expect(guest.calls["random_get"]!(old + 100, 64)).toBe(Errno.SUCCESS);
  });
});

describe("args, environment, exit", () => {
  it("lays out argv and environ as C expects", () => {
    const guest = new Guest({ args: ["prog", "héllo", ""], env: { A: "1", B: "two words" } });
    const counts = guest.alloc(8);
    expect(guest.calls["args_sizes_get"]!(counts, counts + 4)).toBe(0);
    expect([guest.u32(counts), guest.u32(counts + 4)]).toEqual([3, 5 + 7 + 1]);
    const argv = guest.alloc(16);
    const buf = guest.alloc(64);
    expect(guest.calls["args_get"]!(argv, buf)).toBe(0);
    const cString = (at: number) => {
      const bytes = new Uint8Array(guest.memory.buffer, at);
      return new TextDecoder().decode(bytes.subarray(0, bytes.indexOf(0)));
    };
    expect([0, 1, 2].map((i) => cString(guest.u32(argv + i * 4)))).toEqual(["prog", "héllo", ""]);
    expect(guest.calls["environ_sizes_get"]!(counts, counts + 4)).toBe(0);
    expect(guest.u32(counts)).toBe(2);
    expect(guest.calls["environ_get"]!(argv, buf)).toBe(0);
    expect(cString(guest.u32(argv + 4))).toBe("B=two words");
  });

  it("proc_exit unwinds with WASIExitError; proc_raise ends the program like a signal", () => {
    const guest = new Guest();
    expect(() => guest.calls["proc_exit"]!(3)).toThrow(WASIExitError);
    try {
      guest.calls["proc_raise"]!(15);
    } catch (error) {
      expect((error as WASIExitError).code).toBe(128 + 15);
    }
    expect(guest.calls["proc_raise"]!(17)).toBe(Errno.SUCCESS); // SIGCHLD is ignored
    expect(guest.calls["proc_raise"]!(99)).toBe(Errno.EINVAL);
    expect(guest.calls["sched_yield"]!()).toBe(Errno.SUCCESS);
  });
});

describe("descriptors and rights", () => {
  it("unknown descriptors are EBADF; missing rights are ENOTCAPABLE", () => {
    const { guest } = sandboxedGuest();
    expect(guest.write(42, "x")[0]).toBe(Errno.EBADF);
    expect(guest.write(3, "x")[0]).toBe(Errno.ENOTCAPABLE); // a directory cannot be written
    const [errno, fd] = guest.open(3, "ro.txt", { oflags: 1, rights: 2n /* fd_read */ });
    expect(errno).toBe(0);
    expect(guest.write(fd, "x")[0]).toBe(Errno.ENOTCAPABLE);
    // Rights can be dropped, never added back.
    expect(guest.calls["fd_fdstat_set_rights"]!(fd, 0n, 0n)).toBe(0);
    expect(guest.read(fd, 4)[0]).toBe(Errno.ENOTCAPABLE);
    expect(guest.calls["fd_fdstat_set_rights"]!(fd, 2n, 0n)).toBe(Errno.ENOTCAPABLE);
  });

  it("reports the preopen's name; fd_renumber moves a descriptor over another", () => {
    const { guest } = sandboxedGuest();
    const prestat = guest.alloc(8);
    expect(guest.calls["fd_prestat_get"]!(3, prestat)).toBe(0);
    expect(guest.u32(prestat + 4)).toBe("/sandbox".length);
    const name = guest.alloc(16);
    expect(guest.calls["fd_prestat_dir_name"]!(3, name, 4)).toBe(Errno.ENAMETOOLONG);
    expect(guest.calls["fd_prestat_dir_name"]!(3, name, 8)).toBe(0);
    expect(new TextDecoder().decode(new Uint8Array(guest.memory.buffer, name, 8))).toBe("/sandbox");
    expect(guest.calls["fd_prestat_get"]!(1, prestat)).toBe(Errno.EBADF);

    const [, a] = guest.open(3, "a.txt", { oflags: 1 });
    const [, b] = guest.open(3, "b.txt", { oflags: 1 });
    guest.write(a, "from a");
    expect(guest.calls["fd_renumber"]!(a, b)).toBe(0);
    expect(guest.write(a, "x")[0]).toBe(Errno.EBADF);
    expect(guest.calls["fd_renumber"]!(b, 77)).toBe(Errno.EBADF);
    const tell = guest.alloc(8);
    expect(guest.calls["fd_tell"]!(b, tell)).toBe(0);
    expect(guest.u64(tell)).toBe(6n);
  });

  it("streams cannot seek (ESPIPE); stdout collects what is written", () => {
    const stdout = new CollectedOutput();
    const guest = new Guest({ stdout });
    expect(guest.write(1, "hello\n")).toEqual([0, 6]);
    expect(stdout.text()).toBe("hello\n");
    expect(guest.calls["fd_seek"]!(1, 1n, 0, guest.alloc(8))).toBe(Errno.ESPIPE);
    const stat = guest.alloc(24);
    expect(guest.calls["fd_fdstat_get"]!(1, stat)).toBe(0);
    expect(guest.view.getUint8(stat)).toBe(2); // character device
  });
});

describe("files on the in-memory filesystem", () => {
  it("reads directories in pieces with cookies, listing every entry once", () => {
    const fs = new MemoryFileSystem();
    const names = Array.from({ length: 40 }, (_, i) => `file-with-a-long-name-${i}.txt`);
    for (const n of names) fs.writeFile(n, n);
    const { guest } = sandboxedGuest(fs);
    const seen: string[] = [];
    let cookie = 0n;
    const buf = guest.alloc(100);
    const used = guest.alloc(4);
    for (let round = 0; round < 1000; round++) {
      expect(guest.calls["fd_readdir"]!(3, buf, 100, cookie, used)).toBe(0);
      const size = guest.u32(used);
      let at = 0;
      let complete = 0;
      while (at + 24 <= size) {
        const length = guest.view.getUint32(buf + at + 16, true);
        if (at + 24 + length > size) break;
        seen.push(new TextDecoder().decode(new Uint8Array(guest.memory.buffer, buf + at + 24, length)));
        cookie = guest.u64(buf + at);
        at += 24 + length;
        complete++;
      }
      if (size < 100) break;
      expect(complete).toBeGreaterThan(0);
    }
    expect(seen.slice(0, 2)).toEqual([".", ".."]);
    expect(seen.slice(2).sort()).toEqual([...names].sort());
  });

  it("keeps times, sizes and link counts", () => {
    const { guest, fs } = sandboxedGuest();
    const [, fd] = guest.open(3, "f", { oflags: 1 });
    guest.write(fd, "12345");
    expect(guest.calls["fd_filestat_set_size"]!(fd, 3n)).toBe(0);
    expect(guest.calls["fd_filestat_set_times"]!(fd, 5_000_000_000n, 7_000_000_000n, 1 | 4)).toBe(0);
    expect(guest.calls["fd_filestat_set_times"]!(fd, 0n, 0n, 1 | 2)).toBe(Errno.EINVAL);
    const stat = guest.alloc(64);
    expect(guest.calls["fd_filestat_get"]!(fd, stat)).toBe(0);
    expect(guest.u64(stat + 32)).toBe(3n);
    expect(guest.u64(stat + 40)).toBe(5_000_000_000n);
    expect(guest.u64(stat + 48)).toBe(7_000_000_000n);
    const [oldPtr, oldLen] = guest.string("f");
    const [newPtr, newLen] = guest.string("g");
    expect(guest.calls["path_link"]!(3, 0, oldPtr, oldLen, 3, newPtr, newLen)).toBe(0);
    expect(guest.calls["path_filestat_get"]!(3, 0, newPtr, newLen, stat)).toBe(0);
    expect(guest.u64(stat + 24)).toBe(2n);
    expect(new TextDecoder().decode(fs.readFile("g"))).toBe("123");
    expect(guest.calls["fd_allocate"]!(fd, 0n, 10n)).toBe(0);
    expect(fs.readFile("f").length).toBe(10);
  });

  it("appends with the append flag, wherever the offset is", () => {
    const { guest, fs } = sandboxedGuest();
    fs.writeFile("log", "one\n");
    const [, fd] = guest.open(3, "log");
    expect(guest.calls["fd_fdstat_set_flags"]!(fd, 1)).toBe(0);
    guest.write(fd, "two\n");
    expect(new TextDecoder().decode(fs.readFile("log"))).toBe("one\ntwo\n");
  });
});

const FD_READ = BigInt(Rights.fdRead);
const FD_WRITE = BigInt(Rights.fdWrite);
/** What wasi-libc asks for when it opens a directory: everything but the write rights. */
const DIRECTORY_RIGHTS =
  0x3fffffffn & ~BigInt(Rights.fdWrite | Rights.fdDatasync | Rights.fdAllocate | Rights.fdFilestatSetSize);

describe("the sandbox, on any filesystem", () => {
  const escapes = ["..", "../x", "a/../../x", "/etc/passwd", "up/x", "up", "abs/passwd", "a/back/x", "loop"];

  it("refuses every path that leaves the preopen", () => {
    const fs = new MemoryFileSystem();
    fs.mkdirp("a");
    fs.writeFile("inside", "ok");
    fs.symlink("..", ["up"]);
    fs.symlink("/etc", ["abs"]);
    fs.symlink("../..", ["a", "back"]);
    fs.symlink("loop", ["loop"]);
    const { guest } = sandboxedGuest(fs);
    expect(guest.open(3, "a/../inside")[0]).toBe(0);
    for (const path of escapes) {
      const [errno] = guest.open(3, path);
      expect([path, errno]).toEqual([path, path === "loop" ? Errno.ELOOP : Errno.ENOTCAPABLE]);
    }
    // A symlink pointing outside cannot even be made.
    const [target, targetLen] = guest.string("/etc/passwd");
    const [link, linkLen] = guest.string("evil");
    expect(guest.calls["path_symlink"]!(target, targetLen, 3, link, linkLen)).toBe(Errno.ENOTCAPABLE);
    // Not following the final symlink is fine: it is the link itself.
    const stat = guest.alloc(64);
    const [up, upLen] = guest.string("up");
    expect(guest.calls["path_filestat_get"]!(3, 0, up, upLen, stat)).toBe(0);
    expect(guest.view.getUint8(stat + 16)).toBe(7);
  });

  it("a directory descriptor is a capability: nothing above it is reachable through it", () => {
    const fs = new MemoryFileSystem();
    fs.writeFile("sub/deeper/file", "x");
    fs.writeFile("secret.txt", "s");
    fs.symlink("../secret.txt", ["sub", "up"]);
    const { guest } = sandboxedGuest(fs);
    const [errno, sub] = guest.open(3, "sub", { oflags: 2 /* directory */, rights: DIRECTORY_RIGHTS });
    expect(errno).toBe(0);
    expect(guest.open(sub, "deeper/file")[0]).toBe(0);
    expect(guest.open(sub, "deeper/../deeper/file")[0]).toBe(0);
    // The preopen may reach all of these; `sub` reaches none, even where the path comes back down.
    for (const path of [
      "../secret.txt",
      "../sub/deeper/file",
      "..",
      "../../x",
      "up",
      "deeper/../../secret.txt",
    ]) {
      expect([path, guest.open(sub, path)[0]]).toEqual([path, Errno.ENOTCAPABLE]);
    }
    expect(guest.open(3, "sub/up")[0]).toBe(0);
    // Not following the final link is fine: it is the link itself, under `sub`.
    expect(guest.open(sub, "up", { follow: false, oflags: 0 })[0]).toBe(Errno.ELOOP);
  });

  it("a directory opened with the right to write is EISDIR, with or without O_DIRECTORY", () => {
    const { guest, fs } = sandboxedGuest();
    fs.mkdirp("d");
    for (const oflags of [0, 2 /* directory */]) {
      expect(guest.open(3, "d", { oflags, rights: FD_READ | FD_WRITE })[0]).toBe(Errno.EISDIR);
      expect(guest.open(3, ".", { oflags, rights: FD_WRITE })[0]).toBe(Errno.EISDIR);
      expect(guest.open(3, "d", { oflags, rights: FD_READ })[0]).toBe(0);
    }
  });

  it("path_symlink to a name with a trailing slash: ENOENT when absent, EEXIST or ENOTDIR when present", () => {
    const { guest, fs } = sandboxedGuest();
    const symlink = (name: string) => {
      const [target, targetLength] = guest.string("source");
      const [path, pathLength] = guest.string(name);
      return guest.calls["path_symlink"]!(target, targetLength, 3, path, pathLength);
    };
    expect(symlink("target/")).toBe(Errno.ENOENT);
    fs.mkdirp("dir");
    expect(symlink("dir/")).toBe(Errno.EEXIST);
    fs.writeFile("file", "x");
    expect(symlink("file/")).toBe(Errno.ENOTDIR);
    expect(symlink("target")).toBe(0);
    expect(fs.readlink(["target"])).toBe("source");
  });
});

describe("poll_oneoff", () => {
  it("needs at least one subscription and sleeps on a clock", () => {
    const guest = new Guest();
    expect(guest.calls["poll_oneoff"]!(guest.alloc(48), guest.alloc(32), 0, guest.alloc(4))).toBe(
      Errno.EINVAL,
    );
    const sub = guest.alloc(48);
    guest.view.setBigUint64(sub, 42n, true);
    guest.view.setUint8(sub + 8, 0);
    guest.view.setUint32(sub + 16, 1, true); // monotonic
    guest.view.setBigUint64(sub + 24, 30_000_000n, true); // 30 ms
    const out = guest.alloc(32);
    const count = guest.alloc(4);
    const started = performance.now();
    expect(guest.calls["poll_oneoff"]!(sub, out, 1, count)).toBe(0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(29);
    expect(guest.u32(count)).toBe(1);
    expect(guest.u64(out)).toBe(42n);
    guest.view.setUint8(sub + 8, 9);
    expect(guest.calls["poll_oneoff"]!(sub, out, 1, count)).toBe(Errno.EINVAL);
  });
});

describe("sockets", () => {
  it("accepts, receives, sends, polls and shuts down on a preopened in-memory socket", () => {
    const listener = new MemorySocketListener();
    const guest = new Guest({ sockets: [listener] });
    const fdOut = guest.alloc(4);
    expect(guest.calls["sock_accept"]!(3, 0, fdOut)).toBe(Errno.EAGAIN);
    const host = listener.connect();
    const poll = (fd: number) => {
      const sub = guest.alloc(48);
      guest.view.setUint8(sub + 8, 1); // fd_read
      guest.view.setUint32(sub + 16, fd, true);
      // and a 10 s clock (never reached: only ready sockets are polled here)
      const clock = guest.alloc(48);
      guest.view.setUint8(clock + 8, 0);
      guest.view.setUint32(clock + 16, 1, true);
      guest.view.setBigUint64(clock + 24, 10_000_000_000n, true);
      const events = guest.alloc(64);
      const count = guest.alloc(4);
      expect(guest.calls["poll_oneoff"]!(sub, events, 2, count)).toBe(0);
      return {
        count: guest.u32(count),
        type: guest.view.getUint8(events + 10),
        nbytes: guest.u64(events + 16),
        flags: guest.view.getUint16(events + 24, true),
      };
    };
    expect(poll(3)).toMatchObject({ count: 1, type: 1, nbytes: 1n });
    expect(guest.calls["sock_accept"]!(3, 0, fdOut)).toBe(0);
    const fd = guest.u32(fdOut);
    expect(fd).toBe(4);

    const recv = (size: number, flags = 0): [number, string] => {
      const buf = guest.alloc(size);
      const iov = guest.alloc(8);
      guest.view.setUint32(iov, buf, true);
      guest.view.setUint32(iov + 4, size, true);
      const out = guest.alloc(8);
      const errno = guest.calls["sock_recv"]!(fd, iov, 1, flags, out, out + 4);
      return [errno, new TextDecoder().decode(new Uint8Array(guest.memory.buffer, buf, guest.u32(out)))];
    };
    expect(recv(16)[0]).toBe(Errno.EAGAIN);
    host.write("ping ");
    host.write("pong");
    expect(poll(fd)).toMatchObject({ count: 1, nbytes: 9n });
    expect(recv(4, 1 /* peek */)).toEqual([0, "ping"]);
    expect(recv(6)).toEqual([0, "ping p"]);
    expect(recv(16)).toEqual([0, "ong"]);

    const [data, length] = guest.string("hello host");
    const iov = guest.alloc(8);
    guest.view.setUint32(iov, data, true);
    guest.view.setUint32(iov + 4, length, true);
    expect(guest.calls["sock_send"]!(fd, iov, 1, 0, guest.alloc(4))).toBe(0);
    expect(host.readText()).toBe("hello host");
    expect(guest.write(fd, "!")).toEqual([0, 1]); // fd_write works on sockets too
    expect(host.readText()).toBe("!");

    host.shutdown(2);
    expect(poll(fd)).toMatchObject({ count: 1, flags: 1 }); // hang-up
    expect(recv(16)).toEqual([0, ""]);
    expect(guest.calls["sock_shutdown"]!(fd, 0)).toBe(Errno.EINVAL);
    expect(guest.calls["sock_shutdown"]!(fd, 2)).toBe(0);
    expect(guest.calls["sock_send"]!(fd, iov, 1, 0, guest.alloc(4))).toBe(Errno.EPIPE);
    expect(guest.calls["sock_recv"]!(3, iov, 1, 0, guest.alloc(4), guest.alloc(4))).toBe(Errno.ENOTCONN);
  });

  it("socket calls on other descriptors are ENOTSOCK, on closed ones EBADF", () => {
    const { guest } = sandboxedGuest();
    const out = guest.alloc(8);
    expect(guest.calls["sock_accept"]!(3, 0, out)).toBe(Errno.ENOTSOCK);
    expect(guest.calls["sock_send"]!(1, guest.alloc(8), 0, 0, out)).toBe(Errno.ENOTSOCK);
    expect(guest.calls["sock_recv"]!(0, guest.alloc(8), 0, 0, out, out + 4)).toBe(Errno.ENOTSOCK);
    expect(guest.calls["sock_shutdown"]!(9, 1)).toBe(Errno.EBADF);
  });
});

describe("the import object", () => {
  it("has every function of wasi_snapshot_preview1, and only those", () => {
    const guest = new Guest();
    expect(Object.keys(guest.wasi.wasiImport).sort()).toEqual(Object.keys(wasiSignatures).sort());
    expect(Object.keys(wasiSignatures)).toHaveLength(46);
    expect(guest.wasi.getImportObject().wasi_snapshot_preview1).toBe(guest.wasi.wasiImport);
  });
});
