/**
 * Loads a module at run time: an ES module by URL (`--native-lib`), or a dependency the bundle
 * leaves out (`mqtt`, `node:child_process`: only `fleet` and `host -D` need them, and every
 * other command would pay for loading them). The bundled CLI runs as a vm.Script, whose code
 * cannot import(): its launcher (bin/microwasm.cjs) lends its own; from the sources, import()
 * works as is.
 */
export function importModule(specifier: string): Promise<Record<string, unknown>> {
  const launcher = (globalThis as Record<symbol, unknown>)[Symbol.for("microwasm.importModule")];
  return typeof launcher === "function"
    ? (launcher as (specifier: string) => Promise<Record<string, unknown>>)(specifier)
    : (import(specifier) as Promise<Record<string, unknown>>);
}
