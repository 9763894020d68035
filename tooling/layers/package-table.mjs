// The package table of ARCHITECTURE.md as data: what each package is built on ("depends on").
// A package may import what it depends on and, through them, anything below (the closure);
// nothing up or sideways. Packages that do not exist yet are listed so they are covered when
// they land.

/** @type {Readonly<Record<string, readonly string[]>>} */
export const packageDependsOn = {
  core: [],
  parser: ["core"],
  validator: ["core"],
  interpreter: ["core", "validator"],
  aot: ["core", "validator", "interpreter"],
  allocator: ["core"],
  native: ["core"],
  "libc-wasi": [],
  "libc-builtin": ["native"],
  // The one pipeline (bytes → Module → ValidatedModule → compiled code) and the choice of tier.
  // The AOT tier is handed to it (`PipelineOptions.aot`), never imported: a runtime assembled
  // without the tier carries none of it. The API packages above pass it.
  engine: ["core", "parser", "validator", "interpreter"],
  webassembly: ["engine", "interpreter", "aot"],
  runtime: ["engine", "interpreter", "aot", "allocator", "native", "libc-wasi"],
  "attr-container": [],
  "app-framework": ["runtime", "native", "attr-container", "libc-builtin"],
  sensor: ["app-framework", "attr-container"],
  "app-sdk": [],
};

/**
 * What every app (`apps/<dir>`: cli, daemon, worker) may import: the runtime, the standard API,
 * the extensions above them, and core (the shared vocabulary: the typed errors the runtime
 * throws, value types). Never the engine (engine, parser, validator, interpreter, aot).
 */
export const appMayImport = [
  "core",
  "runtime",
  "webassembly",
  "libc-builtin",
  "libc-wasi",
  "native",
  "attr-container",
  "app-framework",
  "sensor",
];

/** Apps that exist or are planned; any other directory under apps/ is covered as well. */
export const knownApps = ["cli", "daemon", "worker"];
