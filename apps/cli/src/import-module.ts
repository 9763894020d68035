/**
 * Loads an ES module by URL. The bundled CLI runs as a vm.Script, whose code cannot import():
 * its launcher (bin/microwasm.cjs) lends its own; from the sources, import() works as is.
 */
export function importModule(url: string): Promise<Record<string, unknown>> {
  const launcher = (globalThis as Record<symbol, unknown>)[Symbol.for("microwasm.importModule")];
  return typeof launcher === "function"
    ? (launcher as (url: string) => Promise<Record<string, unknown>>)(url)
    : (import(url) as Promise<Record<string, unknown>>);
}
