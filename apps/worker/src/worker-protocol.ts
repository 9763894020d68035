/** The messages between a page and `microwasm-worker.js`. */

/** Page → worker: run a WASI command; or stop the one running. */
export type ToWorker =
  | {
      readonly type: "run";
      readonly wasm: ArrayBuffer | ArrayBufferView;
      readonly args?: readonly string[];
      readonly env?: Readonly<Record<string, string>>;
      readonly files?: Readonly<Record<string, string | Uint8Array>>;
      readonly stdin?: string | Uint8Array;
    }
  | { readonly type: "terminate" };

/** Worker → page: output as it arrives, then exactly one of exit or error per run. */
export type FromWorker =
  | { readonly type: "stdout"; readonly data: Uint8Array }
  | { readonly type: "stderr"; readonly data: Uint8Array }
  | { readonly type: "exit"; readonly code: number }
  | { readonly type: "error"; readonly message: string };
