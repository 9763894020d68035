import { createServer, type Server, type Socket } from "node:net";
import type { HostLinkService } from "@microwasm/app-framework/host-link";
import type { Logger } from "./logger.js";

/** Bytes waiting to go to one host before it is taken for stuck and dropped (a client that never reads). */
const MAX_UNSENT = 8 * 1024 * 1024;
/** Messages read from one host and not yet taken up before its socket is paused. */
const MAX_BACKLOG = 1024;

/**
 * The host link over TCP, WAMR's sample device's `-s -p PORT`: each connection is its own
 * session (its own subscriptions). Unlike WAMR's sample it listens on the given address only.
 */
export class TcpTransport {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(service: HostLinkService, log: Logger, maxConnections: number) {
    this.server = createServer((socket) => {
      const label = `tcp:${socket.remoteAddress}:${socket.remotePort}`;
      socket.setNoDelay(true);
      this.sockets.add(socket);
      const stream = service.openStream((bytes) => {
        if (socket.destroyed) return;
        if (socket.writableLength > MAX_UNSENT) {
          log.warn(
            { session: label, unsent: socket.writableLength },
            "host does not read its replies: dropped",
          );
          socket.destroy();
          return;
        }
        socket.write(bytes);
      }, label);
      log.debug({ session: label }, "host connected");
      socket.on("data", (chunk) => {
        stream.push(chunk);
        // A host that sends faster than the apps answer is paused, so its backlog stays bounded.
        if (stream.session.backlog > MAX_BACKLOG && !socket.isPaused()) {
          socket.pause();
          void stream.session.drained().then(() => socket.resume());
        }
      });
      socket.on("error", (error) => log.debug({ session: label, error: error.message }, "connection error"));
      socket.on("close", () => {
        this.sockets.delete(socket);
        if (stream.cutShort) log.warn({ session: label }, "host disconnected in the middle of a message");
        stream.close();
        log.debug({ session: label }, "host disconnected");
      });
    });
    this.server.maxConnections = maxConnections;
    this.server.on("drop", (info) =>
      log.warn(
        { from: `${info?.remoteAddress}:${info?.remotePort}`, maxConnections },
        "connection refused: too many hosts",
      ),
    );
  }

  /** Starts listening; resolves with the bound port. */
  listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen({ host, port }, () => {
        this.server.off("error", reject);
        const address = this.server.address();
        resolve(typeof address === "object" && address !== null ? address.port : port);
      });
    });
  }

  /** Stops listening and ends every connection. */
  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
