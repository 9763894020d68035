import { nodeHost } from "./node-host.js";
import { type WASIOptions, WasiBase } from "./wasi.js";

/** `WASI` on Node: its options may also name host descriptors (stdio) and directories (preopens). */
export class WASI extends WasiBase {
  constructor(options: WASIOptions = {}) {
    super(options, nodeHost);
  }
}
