import type { PoolAccount } from "@microwasm/allocator";
import { ExecStack, type Value } from "@microwasm/interpreter";
import type { NativeExecEnv } from "@microwasm/native";
import { execStackBytes } from "./cost-estimates.js";
import { ResourceError } from "./errors.js";
import type { ModuleInstance } from "./module-instance.js";
import type { WasmFunction } from "./wasm-function.js";

/**
 * How a stack size in bytes becomes the interpreter's bounds, modelled on WAMR's classic
 * interpreter so that a size means about the depth it means there: each value slot counts 8
 * bytes (WAMR's cells are 4 bytes, i64 and f64 take two), and each frame a 64-byte header
 * (WAMR's frame record and its block stack). The interpreter's slots are 16 bytes and are
 * allocated as the stack deepens, so a large size costs only what a run uses.
 */
const SLOT_BYTES = 8;
const FRAME_HEADER_BYTES = 64;
/** The smallest stack we build, whatever size is asked for. */
const MIN_SLOTS = 16;

/** Which exec env owns a stack: how a native finds the env it was called in. */
const envOfStack = new WeakMap<ExecStack, ExecEnv>();

/**
 * An execution environment (WAMR's `wasm_exec_env_t`): the stack wasm runs on, with its
 * limits, for one instance. Its `stackSize` bounds the operand stack and the frames; going past
 * it is the instance's "wasm operand stack overflow" exception.
 */
export class ExecEnv implements NativeExecEnv {
  /** The attachment of the native being called (WAMR's `wasm_runtime_get_function_attachment`). */
  functionAttachment: unknown = undefined;
  /** The embedder's own data (WAMR's `wasm_runtime_set_user_data`). */
  userData: unknown = undefined;
  /** @internal */ readonly stack: ExecStack;
  /** @internal how many calls from the host are running on this env (natives re-enter). */
  running = 0;
  /** What is left of the instruction budget, counted down over the env's life (WAMR's counter). */
  private instructionsLeft = Number.POSITIVE_INFINITY;
  private timeoutMs = Number.POSITIVE_INFINITY;
  private deadline = Number.POSITIVE_INFINITY;
  /** @internal When the running call from the host must end (performance.now() time). */
  armedDeadline = Number.POSITIVE_INFINITY;
  private destroyed = false;

  /** @internal use `ModuleInstance.createExecEnv`. */
  constructor(
    readonly moduleInstance: ModuleInstance,
    readonly stackSize: number,
    stack: ExecStack,
    private readonly account: PoolAccount | null,
  ) {
    this.stack = stack;
  }

  /** @internal A new env with its own stack, its bytes drawn from `account`: throws `ResourceError`. */
  static create(
    instance: ModuleInstance,
    stackSize: number,
    maxCallDepth: number,
    account: PoolAccount,
  ): ExecEnv {
    const slots = Math.max(MIN_SLOTS, Math.floor(stackSize / SLOT_BYTES));
    const frameOverheadSlots = FRAME_HEADER_BYTES / SLOT_BYTES;
    // Every frame costs at least its header, so the size bounds the depth too.
    const maxDepth = Math.max(1, Math.min(maxCallDepth, Math.ceil(slots / frameOverheadSlots)));
    if (!account.reserve(execStackBytes(slots, maxDepth))) throw new ResourceError();
    let stack: ExecStack;
    try {
      stack = new ExecStack({ slots, maxDepth, frameOverheadSlots });
    } catch {
      account.close();
      throw new ResourceError();
    }
    const env = new ExecEnv(instance, stackSize, stack, account);
    envOfStack.set(stack, env);
    return env;
  }

  /** @internal The env that owns `stack`, if any. */
  static ofStack(stack: ExecStack): ExecEnv | undefined {
    return envOfStack.get(stack);
  }

  /** @internal A view of another instance's stack (a sub-module's native runs there): never a call from the host. */
  get isBorrowed(): boolean {
    return this.account === null;
  }

  get isDestroyed(): boolean {
    return this.destroyed;
  }

  /**
   * Sets the instruction budget of this env (about one unit per wasm instruction: loops spend
   * their body's size per iteration, calls one). As WAMR's counter, it runs down over the env's
   * life, across calls from the host; once it is spent every call ends with the exception
   * "instruction limit exceeded" until it is set again. Negative: no limit (WAMR's -1).
   */
  setInstructionCountLimit(limit: number): void {
    this.instructionsLeft = limit < 0 ? Number.POSITIVE_INFINITY : limit;
  }

  /** Caps the wall-clock time of each call started from the host ("execution timed out"). Negative: none. */
  setTimeout(ms: number): void {
    this.timeoutMs = ms < 0 ? Number.POSITIVE_INFINITY : ms;
  }

  /** @internal A fixed end (performance.now() time) for every call on this env, beside `setTimeout`'s. */
  setDeadline(at: number): void {
    this.deadline = at;
  }

  /** @internal Arms the limits for a call from the host. */
  armLimits(): void {
    const now = performance.now();
    this.armedDeadline = Math.min(now + this.timeoutMs, this.deadline);
    const timeoutMs =
      this.armedDeadline === Number.POSITIVE_INFINITY ? this.armedDeadline : this.armedDeadline - now;
    this.stack.setLimits({ instructions: this.instructionsLeft, timeoutMs: Math.max(0, timeoutMs) });
  }

  /** @internal After a call from the host: what it spent leaves the env's budget. */
  settleLimits(): void {
    if (this.instructionsLeft !== Number.POSITIVE_INFINITY) {
      this.instructionsLeft = Math.max(0, this.stack.instructionsLeft);
    }
  }

  /** Calls `fn` with boundary values on this env; throws `WasmException` when it ends with an exception. */
  call(fn: WasmFunction, args: readonly Value[] = []): Value[] {
    return this.moduleInstance.callOn(this, fn, args);
  }

  /**
   * WAMR's cell convention: `argv` holds the arguments (i32/f32 one cell, i64/f64 two cells,
   * little-endian) and receives the results from `argv[0]`. Returns false, with the exception
   * set, when the call fails.
   */
  callWasm(fn: WasmFunction, argc: number, argv: Uint32Array): boolean {
    return this.moduleInstance.callCellsOn(this, fn, argc, argv);
  }

  /** Gives the stack's bytes back to the pool. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    envOfStack.delete(this.stack);
    this.account?.close();
  }
}
