import { execFile } from "node:child_process";
import { closeSync, constants, openSync } from "node:fs";
import { ReadStream, WriteStream } from "node:tty";
import { promisify } from "node:util";
import type { HostLinkService, HostLinkStream } from "@microwasm/app-framework/host-link";
import type { Logger } from "./logger.js";

const run = promisify(execFile);

/**
 * Puts a serial device in WAMR's mode (`transport.c`, `iwasm_main.c`): raw, 8 data bits, no
 * parity, one stop bit, at `baud`, receiver on, modem lines ignored. `stty` does the termios
 * calls; Node has no binding for them.
 */
export async function configureSerial(device: string, baud: number): Promise<void> {
  await run("stty", [
    "-F",
    device,
    "raw",
    String(baud),
    "cs8",
    "-cstopb",
    "-parenb",
    "clocal",
    "cread",
    "-crtscts",
    "-echo",
    "-ixon",
    "-ixoff",
  ]);
}

/** The host link over a UART: one session for the line, as WAMR's device has one host. */
export class UartTransport {
  private readonly device: string;
  private input: ReadStream | undefined;
  private output: WriteStream | undefined;
  private stream: HostLinkStream | undefined;
  private fd = -1;

  constructor(device: string) {
    this.device = device;
  }

  async open(service: HostLinkService, baud: number, log: Logger): Promise<void> {
    await configureSerial(this.device, baud);
    this.fd = openSync(this.device, constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK);
    const input = new ReadStream(this.fd);
    const output = new WriteStream(this.fd);
    const label = `uart:${this.device}`;
    this.stream = service.openStream((bytes) => void output.write(bytes), label);
    input.on("data", (chunk: Buffer) => this.stream?.push(chunk));
    input.on("error", (error) => log.error({ session: label, error: error.message }, "UART read failed"));
    output.on("error", (error) => log.error({ session: label, error: error.message }, "UART write failed"));
    this.input = input;
    this.output = output;
    log.info({ device: this.device, baud }, "UART open");
  }

  close(): void {
    this.stream?.close();
    this.input?.destroy();
    this.output?.destroy();
    if (this.fd >= 0) {
      try {
        closeSync(this.fd);
      } catch {
        // already closed by the streams
      }
      this.fd = -1;
    }
  }
}
