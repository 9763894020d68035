import { readFileSync, readdirSync } from "node:fs";
import { parseModule } from "@microwasm/parser";
import { validateModule } from "@microwasm/validator";
import { compileModule, instantiateModule, invoke, createHostFunction, GlobalInstance, MemoryInstance, TableInstance, FunctionInstance } from "@microwasm/interpreter";
import { ExternalKind } from "@microwasm/core";
const root = "/work/shared/wasm-spec/json/" + (process.argv[2] ?? "w2");
const only = process.argv[3];
const spectest = new Map<string, any>([
  ["print", createHostFunction({params:[],results:[]}, () => [])],
  ["print_i32", createHostFunction({params:[0x7f],results:[]}, () => [])],
  ["print_i64", createHostFunction({params:[0x7e],results:[]}, () => [])],
  ["print_f32", createHostFunction({params:[0x7d],results:[]}, () => [])],
  ["print_f64", createHostFunction({params:[0x7c],results:[]}, () => [])],
  ["print_i32_f32", createHostFunction({params:[0x7f,0x7d],results:[]}, () => [])],
  ["print_f64_f64", createHostFunction({params:[0x7c,0x7c],results:[]}, () => [])],
  ["global_i32", new GlobalInstance({type:0x7f,mutable:false}, 666)],
  ["global_i64", new GlobalInstance({type:0x7e,mutable:false}, 666n)],
  ["global_f32", new GlobalInstance({type:0x7d,mutable:false}, Math.fround(666.6))],
  ["global_f64", new GlobalInstance({type:0x7c,mutable:false}, 666.6)],
  ["table", new TableInstance({elemType:0x70, limits:{min:10,max:20}})],
  ["memory", new MemoryInstance({limits:{min:1,max:2}, shared:false})],
]);
const externs = new Map<number, object>();
function arg(a: any): any {
  switch (a.type) {
    case "i32": return Number(BigInt.asIntN(32, BigInt(a.value)));
    case "i64": return BigInt.asIntN(64, BigInt(a.value));
    case "f32": { const b = new Uint32Array([Number(a.value)]); return new Float32Array(b.buffer)[0]; }
    case "f64": { const b = new BigUint64Array([BigInt(a.value)]); return new Float64Array(b.buffer)[0]; }
    case "externref": if (a.value === "null") return null; { const n = Number(a.value); if (!externs.has(n)) externs.set(n, {n}); return externs.get(n); }
    case "funcref": return null;
  }
  throw new Error("arg " + a.type);
}
function eq(actual: any, e: any): boolean {
  if (e.type === "f32" || e.type === "f64") {
    if (e.value.startsWith("nan:")) return Number.isNaN(actual);
    const bits = e.type === "f32" ? BigInt(new Uint32Array(new Float32Array([actual]).buffer)[0]!) : new BigUint64Array(new Float64Array([actual]).buffer)[0]!;
    const exp = BigInt(e.value);
    if (bits === exp) return true;
    return Number.isNaN(actual) && Number.isNaN(arg(e));
  }
  if (e.type === "externref" || e.type === "funcref") { if (e.value === "null") return actual === null; if (e.type === "funcref") return actual !== null; return actual === arg(e); }
  return actual === arg(e);
}
let pass = 0, fail = 0;
for (const dir of readdirSync(root).sort()) {
  if (only && dir !== only) continue;
  const json = JSON.parse(readFileSync(`${root}/${dir}/${dir}.json`, "utf8"));
  const registry = new Map<string, Map<string, any>>([["spectest", spectest]]);
  const named = new Map<string, any>();
  let current: any = null;
  let p = 0, f = 0; const fails: string[] = [];
  const load = (file: string) => {
    const m = parseModule(readFileSync(`${root}/${dir}/${file}`));
    const c = compileModule(validateModule(m));
    const imports = m.imports.map((i) => { const v = registry.get(i.module)?.get(i.name); if (!v) throw new Error("unknown import " + i.module + "." + i.name); return v; });
    return instantiateModule(c, imports);
  };
  const act = (a: any) => {
    const inst = a.module ? named.get(a.module) : current;
    const ex = inst.exports.get(a.field);
    if (a.type === "get") return [ex.value];
    return invoke(ex, a.args.map(arg));
  };
  for (const cmd of json.commands) {
    try {
      switch (cmd.type) {
        case "module": current = load(cmd.filename); if (cmd.name) named.set(cmd.name, current); break;
        case "register": registry.set(cmd.as, (cmd.name ? named.get(cmd.name) : current).exports); break;
        case "action": act(cmd.action); break;
        case "assert_return": { const r = act(cmd.action); if (r.length === cmd.expected.length && r.every((x: any, i: number) => eq(x, cmd.expected[i]))) p++; else { f++; fails.push(`${cmd.line}: got ${r} want ${JSON.stringify(cmd.expected)}`); } break; }
        case "assert_trap": case "assert_exhaustion": {
          try { if (cmd.action) act(cmd.action); else load(cmd.filename); f++; fails.push(`${cmd.line}: no trap, want ${cmd.text}`); } catch (e: any) { if (e.name === "RuntimeError" && e.message.startsWith(cmd.text)) p++; else { f++; fails.push(`${cmd.line}: ${e.message} want ${cmd.text}`); } }
          break;
        }
        case "assert_invalid": case "assert_malformed": case "assert_unlinkable": case "assert_uninstantiable": {
          if (cmd.module_type === "text") break;
          try { load(cmd.filename); f++; fails.push(`${cmd.line}: accepted ${cmd.type} ${cmd.text}`); } catch (e: any) { p++; }
          break;
        }
      }
    } catch (e: any) { f++; fails.push(`${cmd.line} ${cmd.type}: ${e.stack?.split("\n").slice(0,3).join(" | ")}`); }
  }
  pass += p; fail += f;
  if (f) console.log(`${dir}: ${p} pass ${f} fail\n   ` + fails.slice(0, 4).join("\n   "));
}
console.log(`total ${pass} pass ${fail} fail`);
