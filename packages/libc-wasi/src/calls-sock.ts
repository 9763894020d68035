import { Errno } from "./errno.js";
import type { Description } from "./fd-table.js";
import type { WasiContext } from "./wasi-context.js";
import { WasiError } from "./wasi-error.js";
import { Fdflags, Filetype, RIGHTS_SOCKET, Riflags, Rights, Sdflags } from "./wasi-types.js";

type SocketDescription = Extract<Description, { kind: "socket" }>;

/** sock_accept, sock_recv, sock_send, sock_shutdown: on sockets the host preopened. */
export function sockCalls(ctx: WasiContext) {
  const { fds } = ctx;

  function socketAt(fd: number, rights: number): SocketDescription {
    const entry = fds.get(fd, 0);
    const d = entry.description;
    if (d.kind !== "socket") throw new WasiError(Errno.ENOTSOCK);
    fds.get(fd, rights);
    return d;
  }

  /** Whether the guest made `fd` non-blocking (fd_fdstat_set_flags): then EAGAIN rather than wait. */
  function nonblocking(fd: number): boolean {
    return (fds.get(fd, 0).flags & Fdflags.nonblock) !== 0;
  }

  return {
    sock_accept(fd: number, flags: number, acceptedFdPtr: number): number {
      const memory = ctx.memory.sync();
      memory.check(acceptedFdPtr, 4);
      if ((flags & ~Fdflags.nonblock) !== 0) return Errno.EINVAL;
      const listener = socketAt(fd, Rights.sockAccept);
      const socket = listener.socket.accept((flags & Fdflags.nonblock) !== 0 || nonblocking(fd));
      let accepted: number;
      try {
        accepted = fds.insert({
          description: { kind: "socket", socket },
          filetype: Filetype.socketStream,
          rightsBase: RIGHTS_SOCKET & ~Rights.sockAccept,
          rightsInheriting: 0,
          flags,
        });
      } catch (error) {
        socket.close(); // EMFILE: the connection has nowhere to go
        throw error;
      }
      memory.setU32(acceptedFdPtr, accepted);
      return Errno.SUCCESS;
    },

    sock_recv(
      fd: number,
      riData: number,
      riDataLength: number,
      riFlags: number,
      roDataLengthPtr: number,
      roFlagsPtr: number,
    ): number {
      const memory = ctx.memory.sync();
      const buffers = memory.iovecs(riData, riDataLength);
      memory.check(roDataLengthPtr, 4);
      memory.check(roFlagsPtr, 2);
      if ((riFlags & ~(Riflags.recvPeek | Riflags.recvWaitall)) !== 0) return Errno.EINVAL;
      const socket = socketAt(fd, Rights.fdRead).socket;
      const count = socket.recv(
        buffers,
        (riFlags & Riflags.recvPeek) !== 0,
        nonblocking(fd),
        (riFlags & Riflags.recvWaitall) !== 0,
      );
      memory.setU32(roDataLengthPtr, count);
      memory.setU16(roFlagsPtr, 0); // no Roflags.recvDataTruncated: stream sockets never truncate
      return Errno.SUCCESS;
    },

    sock_send(
      fd: number,
      siData: number,
      siDataLength: number,
      _siFlags: number,
      soDataLengthPtr: number,
    ): number {
      const memory = ctx.memory.sync();
      const buffers = memory.iovecs(siData, siDataLength);
      memory.check(soDataLengthPtr, 4);
      const socket = socketAt(fd, Rights.fdWrite).socket;
      memory.setU32(soDataLengthPtr, socket.send(buffers, nonblocking(fd)));
      return Errno.SUCCESS;
    },

    sock_shutdown(fd: number, how: number): number {
      const socket = socketAt(fd, Rights.sockShutdown).socket;
      if (how === 0 || (how & ~(Sdflags.rd | Sdflags.wr)) !== 0) return Errno.EINVAL;
      socket.shutdown(how);
      return Errno.SUCCESS;
    },
  };
}
