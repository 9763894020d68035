import { closeSync, constants, openSync } from "node:fs";
import { connect } from "node:net";
import { ReadStream, WriteStream } from "node:tty";
import { encodeFrame, FrameReader, type LinkMessage } from "@microwasm/app-framework/host-link";
import { importModule } from "./import-module.js";

/** One host-link connection to a device, as host_tool opens it for its one operation. */
export interface LinkConnection {
  send(type: number, payload: Uint8Array): void;
  /** Called for each message from the device, and with `undefined` when the connection ends. */
  onMessage(listener: (message: LinkMessage | undefined) => void): void;
  close(): void;
}

function framed(write: (bytes: Uint8Array) => void, end: () => void) {
  let listener: (message: LinkMessage | undefined) => void = () => undefined;
  const reader = new FrameReader({ onFrame: (message) => listener(message) });
  const connection: LinkConnection = {
    send: (type, payload) => write(encodeFrame(type, payload)),
    onMessage: (next) => {
      listener = next;
    },
    close: end,
  };
  return { connection, push: (chunk: Uint8Array) => reader.push(chunk), ended: () => listener(undefined) };
}

/** Connects over TCP; rejects when the device cannot be reached. */
export function connectTcp(host: string, port: number): Promise<LinkConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.setNoDelay(true);
    const link = framed(
      (bytes) => void socket.write(bytes),
      () => socket.destroy(),
    );
    socket.once("error", reject);
    socket.once("connect", () => {
      socket.off("error", reject);
      socket.on("error", () => undefined);
      socket.on("data", link.push);
      socket.on("close", link.ended);
      resolve(link.connection);
    });
  });
}

/** Opens a serial device in WAMR's mode (raw 8N1 at `baud`, set with `stty`: Node has no termios). */
export async function openUart(device: string, baud: number): Promise<LinkConnection> {
  const { execFileSync } = (await importModule("node:child_process")) as typeof import("node:child_process");
  const settings = ["raw", String(baud), "cs8", "-cstopb", "-parenb", "clocal", "cread", "-crtscts", "-echo"];
  execFileSync("stty", ["-F", device, ...settings], { stdio: ["ignore", "ignore", "pipe"] });
  const fd = openSync(device, constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK);
  const input = new ReadStream(fd);
  const output = new WriteStream(fd);
  const link = framed(
    (bytes) => void output.write(bytes),
    () => {
      input.destroy();
      output.destroy();
      try {
        closeSync(fd);
      } catch {
        // the streams closed it
      }
    },
  );
  input.on("data", (chunk: Buffer) => link.push(chunk));
  input.on("error", () => link.ended());
  return link.connection;
}
