import { pino } from "pino";
import type { DaemonOptions } from "./daemon-options.js";

/** The daemon's log: JSON lines on stderr (stdout belongs to the apps' own output). */
export function createLogger(level: DaemonOptions["logLevel"]) {
  return pino({ level, base: { pid: process.pid } }, pino.destination({ dest: 2, sync: true }));
}

export type Logger = ReturnType<typeof createLogger>;
