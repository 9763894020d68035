// Rebuilds the committed SIMD kernel .wasm files from their WebAssembly text sources (wabt from npm).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { wat } from "@microwasm/test-support";

const dir = fileURLToPath(new URL(".", import.meta.url));
for (const file of readdirSync(dir).filter((f) => f.endsWith(".wat"))) {
  const bytes = await wat(readFileSync(`${dir}${file}`, "utf8"));
  const out = file.replace(/\.wat$/, ".wasm");
  writeFileSync(`${dir}${out}`, bytes);
  console.log(`built ${out} (${bytes.length} bytes)`);
}
