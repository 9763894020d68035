import { ExternalKind, MAX_PAGES, type Module, PAGE_SIZE } from "@microwasm/core";
import type { CompiledModule } from "@microwasm/interpreter";

/** Where an instance's app heap lives in its memory. */
export interface AppHeapLayout {
  readonly base: number;
  readonly size: number;
  readonly pages: number;
}

/** Whether the module brings its own allocator (exports `malloc` and `free`): then no app heap. */
export function hasOwnAllocator(module: Module): boolean {
  const names = new Set(module.exports.filter((e) => e.kind === ExternalKind.func).map((e) => e.name));
  return names.has("malloc") && names.has("free");
}

/**
 * The app heap for `heapSize` bytes, as WAMR inserts it: whole pages appended after the memory's
 * initial pages (its minimum and maximum grow by as much), so the module's own data and stack
 * are where they were. None when the heap size is 0, the module has its own allocator, or its
 * memory is imported or absent. Undefined `pages` past the 4 GiB limit: the caller fails.
 */
export function appHeapLayout(module: Module, heapSize: number): AppHeapLayout | undefined | "too large" {
  if (heapSize === 0 || hasOwnAllocator(module) || module.memories.length === 0) return undefined;
  if (module.imports.some((i) => i.desc.kind === ExternalKind.memory)) return undefined;
  const memory = module.memories[0]!;
  const pages = Math.ceil(heapSize / PAGE_SIZE);
  if (memory.limits.min + pages > MAX_PAGES) return "too large";
  return { base: memory.limits.min * PAGE_SIZE, size: pages * PAGE_SIZE, pages };
}

/** The compiled module with its first memory enlarged for the heap (the code is shared, unchanged). */
export function withAppHeap(compiled: CompiledModule, layout: AppHeapLayout): CompiledModule {
  const [memory, ...rest] = compiled.module.memories;
  const limits = {
    min: memory!.limits.min + layout.pages,
    max:
      memory!.limits.max === undefined ? undefined : Math.min(MAX_PAGES, memory!.limits.max + layout.pages),
  };
  return { ...compiled, module: { ...compiled.module, memories: [{ ...memory!, limits }, ...rest] } };
}
