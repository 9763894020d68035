import type { AttrContainer } from "@microwasm/attr-container";

/** What an app asked `wasm_open_connection` for. */
export interface ConnectionRequest {
  /** The app's name. */
  readonly app: string;
  /** "TCP", "UDP" or "UART" in WAMR's apps; passed on as the app wrote it. */
  readonly kind: string;
  /** WAMR's keys: `address`, `port` (uint16), `bind port`, `device`, `baudrate`. */
  readonly args: AttrContainer;
}

/** How the embedder's connection reports back; each call reaches the app through its queue. */
export interface ConnectionSink {
  /** Bytes that arrived: the app's `on_connection_data(handle, buf, len)`. */
  data(bytes: Uint8Array): void;
  /** The peer closed: `on_connection_data(handle, NULL, 0)` (WAMR's disconnect event). */
  closed(): void;
}

/** A connection the embedder opened for an app. */
export interface AppConnection {
  /** Sends `bytes`; returns how many were taken, or -1. */
  send(bytes: Uint8Array): number;
  close(): void;
  /** `wasm_config_connection` (e.g. a UART's baud rate); false when not supported. */
  configure?(args: AttrContainer): boolean;
}

/**
 * Decides and opens an app's connection: a connection, or undefined to refuse it (the app's
 * `api_open_connection` then returns NULL, as on WAMR when a connect fails). Without one, every
 * open is refused: apps reach no socket unless the embedder says which.
 */
export type ConnectionOpener = (
  request: ConnectionRequest,
  sink: ConnectionSink,
) => AppConnection | undefined;
