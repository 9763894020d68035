import type { Code, Module } from "@microwasm/core";
import type { CompiledModule } from "@microwasm/interpreter";

/**
 * What the runtime charges a memory pool for things whose bytes it cannot count exactly: the
 * typed arrays are counted exactly, the JS objects around them by a fixed estimate each.
 */
const OBJECT_BYTES = 64;

/** A decoded sequence: its ops, and a start and a byte offset per instruction (made when read). */
function codeBytes(code: Code): number {
  return code.ops.byteLength + code.count * 8 + OBJECT_BYTES;
}

/** The decoded module: bodies and constant expressions, plus an estimate for the small objects. */
export function moduleStructureBytes(module: Module): number {
  let bytes = OBJECT_BYTES * 4;
  for (const body of module.codes) bytes += codeBytes(body.code) + OBJECT_BYTES;
  for (const g of module.globals) bytes += codeBytes(g.init);
  for (const e of module.elements) {
    bytes += OBJECT_BYTES;
    for (const init of e.init) bytes += codeBytes(init);
  }
  bytes +=
    (module.types.length + module.imports.length + module.exports.length + module.datas.length) *
    OBJECT_BYTES;
  for (const i of module.imports) bytes += (i.module.length + i.name.length) * 2;
  for (const e of module.exports) bytes += e.name.length * 2;
  return bytes;
}

/**
 * The compiled code, exactly; its pc-to-offset pairs (made when a trap is reported) at their
 * most, one pair per instruction; the validator's side tables by the same measure as the bodies.
 */
export function compiledCodeBytes(compiled: CompiledModule): number {
  let bytes = 0;
  for (const fn of compiled.functions) {
    bytes += fn.code.byteLength + fn.localIsRef.byteLength + OBJECT_BYTES * 2;
  }
  for (const body of compiled.module.codes) bytes += body.code.ops.byteLength + body.code.count * 8;
  return bytes;
}

/** An instance's own objects: function instances, globals, exports, element and data segment records. */
export function instanceBytes(module: Module): number {
  const functions = module.imports.length + module.functions.length;
  return (
    OBJECT_BYTES * 8 +
    functions * OBJECT_BYTES +
    module.globals.length * (16 + OBJECT_BYTES * 2) +
    module.exports.length * OBJECT_BYTES +
    (module.elements.length + module.datas.length) * OBJECT_BYTES
  );
}

/** An execution stack: its value slots (16 bytes each, plus a reference slot) and frame records. */
export function execStackBytes(slots: number, maxDepth: number): number {
  return slots * 16 + slots * 8 + maxDepth * 16 + OBJECT_BYTES * 4;
}
