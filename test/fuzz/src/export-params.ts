import { ExternalKind, ValType } from "@microwasm/core";
import { parseModule } from "@microwasm/parser";

/**
 * The zero arguments binaryen's protocol passes to each exported function, as JS values: the JS
 * API hides parameter types, and a zero must be `0n` for an i64 but `0` for the others (a v128
 * parameter makes the call a TypeError whatever is passed). Read from the binary with
 * microwasm's parser, which only needs the type, import, function and export sections right.
 */
export function zeroArgumentsByExport(bytes: Uint8Array): Map<string, unknown[]> {
  const module = parseModule(bytes);
  const funcTypes: number[] = [];
  for (const imp of module.imports)
    if (imp.desc.kind === ExternalKind.func) funcTypes.push(imp.desc.typeIndex);
  funcTypes.push(...module.functions);
  const out = new Map<string, unknown[]>();
  for (const exp of module.exports) {
    if (exp.kind !== ExternalKind.func) continue;
    const type = module.types[funcTypes[exp.index]!]!;
    out.set(
      exp.name,
      type.params.map((t) =>
        t === ValType.i64 ? 0n : t === ValType.externref || t === ValType.funcref ? null : 0,
      ),
    );
  }
  return out;
}
