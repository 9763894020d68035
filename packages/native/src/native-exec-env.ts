/**
 * What a native sees of the instance that called it. The runtime implements it; natives in
 * other packages (libc-builtin, ...) program against it.
 */
export interface NativeModuleInstance {
  /** The default memory's current bytes (replaced when memory grows), or undefined without one. */
  memoryBytes(): Uint8Array | undefined;
  /** Sets the instance's exception (WAMR's `wasm_runtime_set_exception`); `null` clears it. */
  setException(message: string | null): void;
  /** WAMR's text for the exception set ("Exception: <message>"), or null. */
  getException(): string | null;
  /** Allocates in the instance's app heap (or with the app's own malloc); the app offset, 0 on failure. */
  moduleMalloc(size: number): number;
  moduleFree(ptr: number): void;
  /** Resizes a block of the app heap; the app offset, 0 on failure. */
  moduleRealloc(ptr: number, size: number): number;
}

/** The execution environment a native is called in (WAMR's `wasm_exec_env_t`). */
export interface NativeExecEnv {
  readonly moduleInstance: NativeModuleInstance;
  /** The attachment of the native being called (WAMR's `wasm_runtime_get_function_attachment`). */
  functionAttachment: unknown;
}

/**
 * The cells a raw native reads its arguments from and writes its results to: one 16-byte slot
 * (4 int32 cells) per value, argument k's first cell at `base + 4 * k`; i64 and f64 use the
 * slot's first two cells (little-endian), externrefs live in `refs[cell >> 2]`.
 */
export interface NativeCells {
  readonly i32: Int32Array;
  readonly f32: Float32Array;
  readonly f64: Float64Array;
  readonly refs: unknown[];
}
