import { type WASIOptions, WasiBase } from "./wasi.js";

/** `WASI` without a host: its options take `FileSystem`s and stream objects only. */
export class WASI extends WasiBase {
  constructor(options: WASIOptions = {}) {
    super(options, null);
  }
}
