import { AppHeap } from "@microwasm/allocator";
import { ExternalKind, PAGE_SIZE } from "@microwasm/core";
import {
  createRawHostFunction,
  type ExecStack,
  FunctionInstance,
  invoke,
  type MemoryInstance,
  type ModuleInstance,
} from "@microwasm/interpreter";
import { LIBC_BUILTIN_MODULE, libcBuiltinNatives, type OutputSink } from "@microwasm/libc-builtin";
import {
  bindNative,
  checkNativeLink,
  type NativeExecEnv,
  type NativeModuleInstance,
  NativeRegistry,
} from "@microwasm/native";
import { emscriptenPrintfAliases } from "./emscripten-printf-aliases.js";
import { GuestAbortError } from "./guest-abort.js";
import type { ImportProvider } from "./import-provider.js";

/** What WAMR's builtin libc (module `env`) gets from the CLI. */
export interface BuiltinLibcOptions {
  /** `--heap-size`: the app heap that malloc and friends draw from. */
  readonly heapSize: number;
  /**
   * For a side module, the first free byte after the glue's layout (data, C stack, argv):
   * where its heap starts. Null for other modules: the heap goes after the memory's initial
   * pages, where WAMR inserts it.
   */
  readonly heapBase: number | null;
  /** Where printf, puts and putchar write. */
  readonly stdout: OutputSink;
}

/**
 * WAMR's builtin libc (`@microwasm/libc-builtin`) for a module the CLI runs on the interpreter
 * directly: `provider` links `env` imports to the natives through `@microwasm/native` (signature
 * checked against the import, arguments bounds-checked), and this object is the instance the
 * natives see: memory, exceptions, and `moduleMalloc` on an `AppHeap` of `--heap-size` bytes
 * (or the module's own exported malloc/free). A native that sets an exception (a bad pointer,
 * `exit`, `abort`) ends the run with `Exception: <message>`, as iwasm prints it.
 */
export class BuiltinLibc implements NativeModuleInstance {
  private readonly natives = new NativeRegistry<NativeExecEnv>();
  private readonly env: NativeExecEnv = { moduleInstance: this, functionAttachment: undefined };
  private exception: string | null = null;
  private memory: MemoryInstance | null = null;
  private heap: AppHeap | null = null;
  private ownAllocator: { malloc: FunctionInstance; free: FunctionInstance; stack: ExecStack } | null = null;
  /** Whether any import was linked to a native: only then does the module get an app heap. */
  private used = false;

  constructor(private readonly options: BuiltinLibcOptions) {
    const libc = libcBuiltinNatives({ stdout: options.stdout });
    this.natives.register(LIBC_BUILTIN_MODULE, [...libc, ...emscriptenPrintfAliases(libc)]);
  }

  /** The provider of `env` function imports that the builtin libc has. */
  readonly provider: ImportProvider = (imp, type) => {
    if (imp.module !== LIBC_BUILTIN_MODULE || imp.desc.kind !== ExternalKind.func || type === undefined)
      return undefined;
    const native = this.natives.resolve(imp.module, imp.name);
    if (native === undefined) return undefined;
    const call = bindNative(native, checkNativeLink(native, imp.module, imp.name, type));
    this.used = true;
    return createRawHostFunction(
      type,
      (stack, base) => {
        call(this.env, stack, base);
        if (this.exception !== null) throw new GuestAbortError(this.exception);
      },
      `${imp.module}.${imp.name}`,
    );
  };

  /**
   * After instantiation: the guest's memory, and its app heap. A module exporting `malloc` and
   * `free` keeps its own allocator (called on `stack`); otherwise, when natives were linked and
   * the memory is there, `heapSize` bytes from `heapBase` (or from the memory's current end)
   * become the app heap, growing the memory to hold them. Throws `GuestAbortError` when the
   * memory cannot grow that far.
   */
  attach(instance: ModuleInstance, memory: MemoryInstance | null, stack: ExecStack): void {
    this.memory = memory;
    const malloc = instance.exports.get("malloc");
    const free = instance.exports.get("free");
    if (malloc instanceof FunctionInstance && free instanceof FunctionInstance) {
      this.ownAllocator = { malloc, free, stack };
      return;
    }
    if (!this.used || memory === null || this.options.heapSize === 0) return;
    const base = this.options.heapBase ?? memory.u8.length;
    const end = base + this.options.heapSize;
    const missing = Math.ceil((end - memory.u8.length) / PAGE_SIZE);
    if (missing > 0 && memory.grow(missing) < 0) {
      throw new GuestAbortError(`cannot grow memory for an app heap of ${this.options.heapSize} bytes`);
    }
    this.heap = new AppHeap(memory, base, this.options.heapSize);
  }

  memoryBytes(): Uint8Array | undefined {
    return this.memory?.u8;
  }

  setException(message: string | null): void {
    this.exception = message;
  }

  getException(): string | null {
    return this.exception === null ? null : `Exception: ${this.exception}`;
  }

  moduleMalloc(size: number): number {
    if (this.heap !== null) {
      const at = this.heap.malloc(size);
      if (at === 0 && this.heap.corrupted) this.exception ??= "app heap corrupted";
      return at;
    }
    if (this.ownAllocator === null) return 0;
    const { malloc, stack } = this.ownAllocator;
    return (invoke(malloc, [size | 0], stack)[0] as number) >>> 0;
  }

  moduleFree(ptr: number): void {
    if (ptr === 0) return;
    if (this.heap !== null) {
      if (this.heap.contains(ptr) && !this.heap.free(ptr) && this.heap.corrupted) {
        this.exception ??= "app heap corrupted";
      }
      return;
    }
    if (this.ownAllocator !== null) invoke(this.ownAllocator.free, [ptr | 0], this.ownAllocator.stack);
  }

  moduleRealloc(ptr: number, size: number): number {
    if (this.heap === null) return 0;
    const at = this.heap.realloc(ptr, size);
    if (at === 0 && this.heap.corrupted) this.exception ??= "app heap corrupted";
    return at;
  }
}
