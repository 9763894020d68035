import { ExternalKind, type FuncType, type Limits, type Module, valTypeName } from "@microwasm/core";
import { decodeModule, moduleKind, readDylinkInfo, sectionTable } from "@microwasm/runtime";

function signature(type: FuncType | undefined): string {
  if (type === undefined) return "(?)";
  const list = (types: readonly number[]) => types.map((t) => valTypeName(t)).join(", ");
  return `(${list(type.params)}) -> (${list(type.results)})`;
}

function limits(l: Limits, unit: string): string {
  return `min ${l.min}${unit}, max ${l.max === undefined ? "none" : `${l.max}${unit}`}`;
}

function funcType(module: Module, funcIndex: number): FuncType | undefined {
  let imported = 0;
  for (const imp of module.imports) {
    if (imp.desc.kind !== ExternalKind.func) continue;
    if (imported === funcIndex) return module.types[imp.desc.typeIndex];
    imported++;
  }
  const typeIndex = module.functions[funcIndex - imported];
  return typeIndex === undefined ? undefined : module.types[typeIndex];
}

const kindNames = ["func", "table", "memory", "global", "tag"];

/**
 * `microwasm inspect`: what a module is made of, as text lines: its kind, sections (offset
 * and size), imports and exports with their types, memories, tables and the dylink data.
 * Throws `CompileError` for a malformed module.
 */
export function inspectModule(file: string, bytes: Uint8Array): string[] {
  const module = decodeModule(bytes);
  const lines = [`${file}: ${bytes.length} bytes, ${moduleKind(module).kind}`];
  lines.push("sections:");
  for (const s of sectionTable(bytes)) {
    const label = s.id === 0 ? `custom "${s.name}"` : s.name;
    lines.push(`  ${label.padEnd(24)} offset 0x${s.offset.toString(16).padStart(6, "0")}  size ${s.size}`);
  }
  lines.push(`imports (${module.imports.length}):`);
  for (const imp of module.imports) {
    const d = imp.desc;
    const what =
      d.kind === ExternalKind.func
        ? `func ${signature(module.types[d.typeIndex])}`
        : d.kind === ExternalKind.memory
          ? `memory ${limits(d.type.limits, " pages")}`
          : d.kind === ExternalKind.table
            ? `table ${valTypeName(d.type.elemType)} ${limits(d.type.limits, "")}`
            : d.kind === ExternalKind.global
              ? `global ${d.type.mutable ? "mut " : ""}${valTypeName(d.type.type)}`
              : `tag ${signature(module.types[d.type.typeIndex])}`;
    lines.push(`  ${imp.module}.${imp.name}: ${what}`);
  }
  lines.push(`exports (${module.exports.length}):`);
  for (const exp of module.exports) {
    const detail = exp.kind === ExternalKind.func ? ` ${signature(funcType(module, exp.index))}` : "";
    lines.push(`  ${exp.name}: ${kindNames[exp.kind]} ${exp.index}${detail}`);
  }
  lines.push(
    `functions: ${module.functions.length} defined, ${module.codes.reduce((n, c) => n + c.code.count, 0)} instructions`,
  );
  module.memories.forEach((m, i) => {
    lines.push(`memory ${i}: ${limits(m.limits, " pages")}`);
  });
  module.tables.forEach((t, i) => {
    lines.push(`table ${i}: ${valTypeName(t.elemType)} ${limits(t.limits, "")}`);
  });
  lines.push(
    `globals: ${module.globals.length}, data segments: ${module.datas.length}, element segments: ${module.elements.length}`,
  );
  if (module.start !== null) lines.push(`start function: ${module.start}`);
  const dylink = readDylinkInfo(module);
  if (dylink !== null) {
    lines.push(
      `dylink: memory ${dylink.memorySize} bytes (align 2^${dylink.memoryAlignment}), table ${dylink.tableSize} (align 2^${dylink.tableAlignment})${dylink.neededLibraries.length > 0 ? `, needs ${dylink.neededLibraries.join(", ")}` : ""}`,
    );
  }
  return lines;
}
