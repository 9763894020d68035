import { readFileSync } from "node:fs";
import { parseModule } from "@microwasm/parser";
import { validateModule } from "@microwasm/validator";
import { compileModule, instantiateModule, invoke } from "@microwasm/interpreter";
const [file, fname, ...args] = process.argv.slice(2);
const m = parseModule(readFileSync(file!));
const inst = instantiateModule(compileModule(validateModule(m)), []);
console.log(invoke(inst.exports.get(fname!) as any, args.map(Number)));
