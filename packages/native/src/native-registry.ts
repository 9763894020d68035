import type { NativeExecEnv } from "./native-exec-env.js";
import {
  moduleNameSchema,
  type NativeSymbol,
  NativeSymbolError,
  nativeSymbolSchema,
  type RawNativeSymbol,
} from "./native-symbol.js";
import { type NativeSignature, parseSignature } from "./signature.js";

/** A registered symbol, ready to link: its parsed signature (null: all-i32) and its convention. */
export interface ResolvedNative<Env extends NativeExecEnv = NativeExecEnv> {
  readonly moduleName: string;
  readonly symbol: NativeSymbol<Env> | RawNativeSymbol<Env>;
  readonly signature: NativeSignature | null;
  readonly raw: boolean;
}

interface SymbolSet<Env extends NativeExecEnv> {
  readonly moduleName: string;
  /** What the caller registered: unregistering identifies the set by it. */
  readonly source: readonly unknown[];
  readonly byName: ReadonlyMap<string, ResolvedNative<Env>>;
}

/**
 * Native symbols by module name (`env` or any other), several sets per module; the set
 * registered last wins a name that several define.
 */
export class NativeRegistry<Env extends NativeExecEnv = NativeExecEnv> {
  private sets: SymbolSet<Env>[] = [];

  /**
   * Registers `symbols` under `moduleName` after checking each one (zod): throws
   * `NativeSymbolError` naming the first bad symbol and why.
   */
  register(moduleName: string, symbols: readonly NativeSymbol<Env>[]): void {
    this.add(moduleName, symbols, false);
  }

  /** Registers natives on the raw convention (WAMR's `wasm_runtime_register_natives_raw`). */
  registerRaw(moduleName: string, symbols: readonly RawNativeSymbol<Env>[]): void {
    this.add(moduleName, symbols, true);
  }

  /** Removes the set registered with this very array; answers whether there was one. */
  unregister(moduleName: string, symbols: readonly unknown[]): boolean {
    const index = this.sets.findIndex((s) => s.moduleName === moduleName && s.source === symbols);
    if (index < 0) return false;
    this.sets.splice(index, 1);
    return true;
  }

  /**
   * The native for an import, or undefined. As WAMR does, a field starting with `_` also
   * matches a symbol named without it.
   */
  resolve(moduleName: string, field: string): ResolvedNative<Env> | undefined {
    for (let i = this.sets.length - 1; i >= 0; i--) {
      const set = this.sets[i]!;
      if (set.moduleName !== moduleName) continue;
      const found =
        set.byName.get(field) ?? (field.startsWith("_") ? set.byName.get(field.slice(1)) : undefined);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** Whether any set is registered under `moduleName`. */
  hasModule(moduleName: string): boolean {
    return this.sets.some((s) => s.moduleName === moduleName);
  }

  private add(moduleName: string, symbols: readonly unknown[], raw: boolean): void {
    const name = moduleNameSchema.safeParse(moduleName);
    if (!name.success)
      throw new NativeSymbolError(`bad native module name: ${name.error.issues[0]!.message}`);
    if (!Array.isArray(symbols)) throw new NativeSymbolError(`natives for "${moduleName}" must be an array`);
    const byName = new Map<string, ResolvedNative<Env>>();
    symbols.forEach((candidate, index) => {
      const checked = nativeSymbolSchema.safeParse(candidate);
      if (!checked.success) {
        const label = describe(candidate, index);
        const issue = checked.error.issues[0]!;
        const field = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
        throw new NativeSymbolError(`native symbol ${moduleName}.${label}: ${field}${issue.message}`);
      }
      const symbol = candidate as NativeSymbol<Env> | RawNativeSymbol<Env>;
      const signature = symbol.signature === null ? null : parseSignature(symbol.signature);
      byName.set(symbol.name, { moduleName, symbol, signature, raw });
    });
    this.sets.push({ moduleName, source: symbols, byName });
  }
}

function describe(candidate: unknown, index: number): string {
  const name = (candidate as { name?: unknown } | null)?.name;
  return typeof name === "string" && name !== "" ? name : `#${index}`;
}
