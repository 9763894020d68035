import type { FuncType } from "@microwasm/core";
import type { CompiledFunction } from "./compiled-function.js";
import type { ExecStack } from "./exec-stack.js";
import type { InstanceContext } from "./instance-context.js";
import { canonicalTypeId } from "./type-ids.js";
import type { Value } from "./values.js";

/**
 * A function written in JS. It receives the arguments as boundary values and returns exactly
 * as many results as its type declares.
 */
export type HostFunction = (args: Value[]) => readonly Value[];

/**
 * A host function on the raw convention: no conversion to boundary values. Its arguments are
 * in `stack`'s cells, one 16-byte slot (4 int32 cells) each, the first at cell `base`; it
 * writes its results the same way from `base`. It may invoke wasm on `stack` (re-entrantly).
 */
export type RawHostFunction = (stack: ExecStack, base: number) => void;

/** A function in the store: either wasm code bound to its instance, or a host function. */
export class FunctionInstance {
  /** Canonical id of `type`: equal types, equal ids. */
  readonly typeId: number;
  /** Index in the defining module's function space; 0 for host functions. */
  readonly index: number;
  /**
   * The function's entry in another execution tier (`@microwasm/aot`), called as
   * `entry(stack, depth, ...args)`; null for interpreted and host functions. Code of that tier
   * calls it directly instead of going through cells; the tier may replace it (lazy compile).
   */
  tierEntry: ((...args: never[]) => unknown) | null = null;
  /**
   * The same entry compiled without fuel checks, for stacks that are not `metered` (no
   * instruction limit, no timeout); null where `tierEntry` is.
   */
  unmeteredEntry: ((...args: never[]) => unknown) | null = null;

  /** @internal use `createHostFunction`, or get wasm functions from an instance's exports. */
  constructor(
    readonly type: FuncType,
    readonly name: string | undefined,
    /** @internal */ readonly host: HostFunction | null,
    /** @internal */ readonly compiled: CompiledFunction | null,
    /** @internal */ readonly context: InstanceContext | null,
    /** @internal set for host functions on the raw convention (then `host` is unused) */
    readonly raw: RawHostFunction | null = null,
  ) {
    this.typeId = canonicalTypeId(type);
    this.index = compiled?.funcIndex ?? 0;
  }
}

export function createHostFunction(type: FuncType, fn: HostFunction, name?: string): FunctionInstance {
  return new FunctionInstance(type, name, fn, null, null);
}

/** A host function on the raw convention (see `RawHostFunction`). */
export function createRawHostFunction(type: FuncType, fn: RawHostFunction, name?: string): FunctionInstance {
  const unusable: HostFunction = () => {
    throw new TypeError("raw host functions are called through their cells");
  };
  return new FunctionInstance(type, name, unusable, null, null, fn);
}
