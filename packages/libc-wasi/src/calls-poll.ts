import { Errno } from "./errno.js";
import type { Descriptor } from "./fd-table.js";
import type { WasiContext } from "./wasi-context.js";
import { errnoOf } from "./wasi-error.js";
import { Eventrwflags, Eventtype, Layout, Rights, Subclockflags } from "./wasi-types.js";

interface PollEvent {
  userdata: bigint;
  error: number;
  type: number;
  nbytes: bigint;
  flags: number;
}

interface FdWait {
  userdata: bigint;
  type: number;
  entry: Descriptor;
}

interface ClockWait {
  userdata: bigint;
  clock: number;
  deadline: bigint;
}

/** Whether `entry` is ready for reading or writing now, as an event; null when not yet. */
function readiness(entry: Descriptor, type: number, userdata: bigint): PollEvent | null {
  const d = entry.description;
  const event: PollEvent = { userdata, error: Errno.SUCCESS, type, nbytes: 0n, flags: 0 };
  switch (d.kind) {
    case "file":
      if (type === Eventtype.fdRead) {
        const left = d.handle.stat().size - BigInt(d.position);
        event.nbytes = left > 0n ? left : 0n;
      }
      return event;
    case "socket": {
      if (type === Eventtype.fdWrite) return event;
      const readable = d.socket.readable();
      if (readable === 0) return null;
      if (readable < 0) event.flags = Eventrwflags.hangup;
      else event.nbytes = BigInt(readable);
      return event;
    }
    default:
      // Streams: a read blocks until input arrives, so they count as ready; directories are an error.
      if (d.kind === "directory") event.error = Errno.EBADF;
      return event;
  }
}

/**
 * poll_oneoff with clock subscriptions (relative or absolute, on any clock) and fd_read /
 * fd_write subscriptions. Ready descriptors and failed subscriptions are reported at once;
 * otherwise the call waits for a socket to become readable (sockets that can wait: TCP ones)
 * or the earliest clock, and reports what is ready then and every clock that expired.
 */
export function pollCalls(ctx: WasiContext) {
  return {
    poll_oneoff(inPtr: number, outPtr: number, count: number, neventsPtr: number): number {
      const memory = ctx.memory.sync();
      count >>>= 0;
      if (count === 0) return Errno.EINVAL;
      memory.check(inPtr, count * Layout.subscription);
      memory.check(outPtr, count * Layout.event);
      memory.check(neventsPtr, 4);

      const events: PollEvent[] = [];
      const clocks: ClockWait[] = [];
      const fdWaits: FdWait[] = [];
      for (let i = 0; i < count; i++) {
        const sub = (inPtr >>> 0) + i * Layout.subscription;
        const userdata = memory.u64At(sub);
        const tag = memory.u8At(sub + 8);
        if (tag === Eventtype.clock) {
          const clock = memory.u32At(sub + 16);
          const timeout = memory.u64At(sub + 24);
          const absolute = (memory.u16At(sub + 40) & Subclockflags.abstime) !== 0;
          try {
            const deadline = absolute ? timeout : ctx.clocks.now(clock) + timeout;
            clocks.push({ userdata, clock, deadline });
          } catch (error) {
            events.push({ userdata, error: errnoOf(error) ?? Errno.EINVAL, type: tag, nbytes: 0n, flags: 0 });
          }
        } else if (tag === Eventtype.fdRead || tag === Eventtype.fdWrite) {
          const fd = memory.u32At(sub + 16);
          try {
            fdWaits.push({ userdata, type: tag, entry: ctx.fds.get(fd, Rights.pollFdReadwrite) });
          } catch (error) {
            events.push({ userdata, error: errnoOf(error) ?? Errno.EIO, type: tag, nbytes: 0n, flags: 0 });
          }
        } else {
          return Errno.EINVAL;
        }
      }

      const collectReady = () => {
        for (const wait of fdWaits) {
          try {
            const ready = readiness(wait.entry, wait.type, wait.userdata);
            if (ready !== null) events.push(ready);
          } catch (error) {
            const errno = errnoOf(error) ?? Errno.EIO;
            events.push({ userdata: wait.userdata, error: errno, type: wait.type, nbytes: 0n, flags: 0 });
          }
        }
      };
      collectReady();
      const timeLeft = (): bigint | null => {
        let left: bigint | null = null;
        for (const c of clocks) {
          const until = c.deadline - ctx.clocks.now(c.clock);
          if (left === null || until < left) left = until;
        }
        return left;
      };

      let left = timeLeft();
      if (events.length === 0) {
        // Only sockets that are not ready yet can be waited on: a socket that can wait on all
        // of them (TCP ones) blocks until one is readable or the earliest clock (again when
        // its wait ends a little early, or its timer is shorter than a far-off clock).
        const sockets = fdWaits.flatMap((w) =>
          w.entry.description.kind === "socket" ? [w.entry.description.socket] : [],
        );
        const first = sockets[0];
        while (first?.waitReadable?.(sockets.slice(1), left === null ? null : left > 0n ? left : 0n)) {
          collectReady();
          left = timeLeft();
          if (events.length > 0 || (left !== null && left <= 0n)) break;
        }
      }
      if (events.length === 0 && left !== null && left > 0n) ctx.sleep(left);
      for (const c of clocks) {
        if (ctx.clocks.now(c.clock) >= c.deadline) {
          events.push({
            userdata: c.userdata,
            error: Errno.SUCCESS,
            type: Eventtype.clock,
            nbytes: 0n,
            flags: 0,
          });
        }
      }

      events.forEach((event, i) => {
        const at = (outPtr >>> 0) + i * Layout.event;
        memory.bytes(at, Layout.event).fill(0);
        memory.setU64(at, event.userdata);
        memory.setU16(at + 8, event.error);
        memory.setU8(at + 10, event.type);
        memory.setU64(at + 16, event.nbytes);
        memory.setU16(at + 24, event.flags);
      });
      memory.setU32(neventsPtr, events.length);
      return Errno.SUCCESS;
    },
  };
}
