import { loadEngine } from "./engine.js";
import { runScript } from "./script-runner.js";
import { listScripts } from "./data-dir.js";
const engine = await loadEngine("node");
const dir = "/work/shared/wasm-spec";
for (const g of ["w2", "w2-fallback", "w2-simd"]) {
  let t = { pass: 0, fail: 0, skip: 0, q: 0 };
  for (const s of listScripts(dir, g)) {
    const r = runScript(engine, dir, g, s);
    t.pass += r.pass; t.fail += r.fail; t.skip += r.skip; t.q += r.nanQuieted;
    if (r.fail || r.nanQuieted) console.log(g, s, r.pass, r.fail, r.skip, r.nanQuieted, JSON.stringify(r.failures.slice(0, 3)), JSON.stringify(r.skipReasons));
  }
  console.log(g, t);
}
