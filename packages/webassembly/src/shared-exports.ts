// What both entry points export unchanged: everything that does not depend on the tier.
export type { ValueTypeName } from "./boundary.js";
export type { WebAssemblyNamespace, WebAssemblyOptions } from "./create-webassembly.js";
export { CompileError, LinkError, RuntimeError } from "./errors.js";
export { Exception, type ExceptionOptions } from "./exception.js";
export { Global, type GlobalDescriptor } from "./global.js";
export { type Exports, type Imports, Instance } from "./instance.js";
export { invokeRaw } from "./invoke-raw.js";
export { Memory, type MemoryDescriptor } from "./memory.js";
export type { ImportExportKind, ModuleExportDescriptor, ModuleImportDescriptor } from "./module.js";
export type { ResponseLike, WebAssemblyInstantiatedSource } from "./namespace.js";
export { Table, type TableDescriptor, type TableKind } from "./table.js";
export { JSTag, Tag, type TagDescriptor } from "./tag.js";
export type { BufferSource } from "./webidl.js";
