import {
  type MemoryLike,
  WASI as PortableWASI,
  type WASIOptions,
  type WasiFunction,
} from "@microwasm/libc-wasi/portable";

/** What an instance needs of its WASI: libc-wasi's `WASI` (portable or Node) has it. */
export interface InstanceWasi {
  readonly wasiImport: Record<string, WasiFunction>;
  attachMemory(memory: MemoryLike): void;
}

/**
 * What the runtime reaches of its host. Only WASI needs the host: its preopened host
 * directories and the process's stdio. Kept behind this interface so that the runtime's main
 * entry imports nothing from Node and bundles for browsers and workers.
 */
export interface RuntimeHost {
  /** Makes an instance's WASI; throws for a preopen the host cannot open. */
  createWasi(options: WASIOptions): InstanceWasi;
}

/**
 * The default host: in-memory filesystems and stream objects only. A host directory in
 * `dirs`/`mapDirs` is refused (instantiation fails with a LinkError saying so).
 */
export const portableHost: RuntimeHost = {
  createWasi: (options) => new PortableWASI(options),
};
