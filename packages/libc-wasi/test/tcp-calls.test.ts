import { Worker } from "node:worker_threads";
import { Errno, listenTcp } from "@microwasm/libc-wasi";
import { describe, expect, it } from "vitest";
import { Guest } from "./guest.js";

// The socket calls one by one on a real TCP listener (descriptor 3). The guest's calls block
// this thread, so the client runs in a worker: it connects, sends "abcdef" in two pieces
// 100 ms apart, reads until the guest's "xyz", then shuts down its side.
const clientSource = `
const { workerData, parentPort } = require("node:worker_threads");
const net = require("node:net");
const socket = net.connect(workerData.port, "127.0.0.1", () => {
  socket.write("abc");
  setTimeout(() => socket.write("def"), 100);
});
let received = "";
socket.on("data", (chunk) => {
  received += chunk;
  if (received === "xyz") socket.end();
});
socket.on("close", () => parentPort.postMessage(received));
`;

describe("TCP socket calls", () => {
  it("block until a connection or data comes, peek, wait for all, and are EAGAIN when non-blocking", async () => {
    const deadline = performance.now() + 30_000;
    const listener = listenTcp("127.0.0.1:0", {
      onBlocked() {
        if (performance.now() > deadline) throw new Error("TCP calls: no progress in 30 s");
      },
    });
    const guest = new Guest({ sockets: [listener] });
    const out = guest.alloc(8);
    expect(guest.calls["sock_accept"]!(3, 4 /* nonblock */, out)).toBe(Errno.EAGAIN);

    const client = new Worker(clientSource, { eval: true, workerData: { port: listener.port } });
    const clientSaw = new Promise((resolve, reject) => {
      client.once("message", resolve);
      client.once("error", reject);
    });
    expect(guest.calls["sock_accept"]!(3, 0, out)).toBe(0); // blocks until the client connects
    const fd = guest.u32(out);
    const recv = (size: number, flags: number): [number, string] => {
      const buffer = guest.alloc(size);
      const iov = guest.alloc(8);
      guest.view.setUint32(iov, buffer, true);
      guest.view.setUint32(iov + 4, size, true);
      const counts = guest.alloc(8);
      const errno = guest.calls["sock_recv"]!(fd, iov, 1, flags, counts, counts + 4);
      const bytes = new Uint8Array(guest.memory.buffer, buffer, errno === 0 ? guest.u32(counts) : 0);
      return [errno, new TextDecoder().decode(bytes)];
    };
    // Blocks for the first piece; peeking leaves it there.
    expect(recv(2, 1 /* peek */)).toEqual([0, "ab"]);
    // WAITALL blocks across the two pieces until all 5 bytes are there.
    expect(recv(5, 2 /* waitall */)).toEqual([0, "abcde"]);
    expect(guest.calls["fd_fdstat_set_flags"]!(fd, 4 /* nonblock */)).toBe(0);
    expect(recv(16, 0)).toEqual([0, "f"]);
    expect(recv(16, 0)[0]).toBe(Errno.EAGAIN);
    expect(guest.calls["fd_fdstat_set_flags"]!(fd, 0)).toBe(0);
    expect(guest.write(fd, "xyz")).toEqual([0, 3]);
    // The client then shuts down: end of stream, without blocking.
    expect(recv(16, 0)).toEqual([0, ""]);
    expect(guest.calls["sock_shutdown"]!(fd, 2 /* wr */)).toBe(0);
    expect(guest.calls["fd_close"]!(fd)).toBe(0);
    expect(await clientSaw).toBe("xyz");
    await client.terminate();
    expect(guest.calls["fd_close"]!(3)).toBe(0);
  });

  it("poll_oneoff waits on a TCP socket, however far off its clock", async () => {
    const listener = listenTcp("127.0.0.1:0");
    // Sleeping would mean not watching the socket: with this clock, never waking up.
    const guest = new Guest({
      sockets: [listener],
      sleep: () => {
        throw new Error("slept instead of waiting on the socket");
      },
    });
    const client = new Worker(
      `const { workerData } = require("node:worker_threads");
       setTimeout(() => require("node:net").connect(workerData.port, "127.0.0.1").on("error", () => {}), 100);`,
      { eval: true, workerData: { port: listener.port } },
    );
    const subscriptions = guest.alloc(96);
    guest.view.setBigUint64(subscriptions, 1n, true);
    guest.view.setUint8(subscriptions + 8, 1); // fd_read
    guest.view.setUint32(subscriptions + 16, 3, true);
    guest.view.setBigUint64(subscriptions + 48, 2n, true);
    guest.view.setUint8(subscriptions + 56, 0); // clock
    guest.view.setUint32(subscriptions + 64, 1, true); // monotonic
    guest.view.setBigUint64(subscriptions + 72, 2n ** 64n - 1n, true);
    const events = guest.alloc(64);
    const count = guest.alloc(4);
    expect(guest.calls["poll_oneoff"]!(subscriptions, events, 2, count)).toBe(0);
    expect([guest.u32(count), guest.u64(events), guest.view.getUint8(events + 10)]).toEqual([1, 1n, 1]);
    await client.terminate();
    listener.close();
  });

  it("onBlocked stops a call that would wait forever", () => {
    let asked = 0;
    const listener = listenTcp("127.0.0.1:0", {
      onBlocked() {
        if (++asked === 3) throw new Error("deadline");
      },
    });
    const guest = new Guest({ sockets: [listener] });
    const started = performance.now();
    expect(() => guest.calls["sock_accept"]!(3, 0, guest.alloc(4))).toThrow("deadline");
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
    // The abandoned accept does not linger: a non-blocking one still finds nothing.
    expect(guest.calls["sock_accept"]!(3, 4, guest.alloc(4))).toBe(Errno.EAGAIN);
    listener.close();
  });
});
