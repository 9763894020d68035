#!/usr/bin/env node
// `node dist/main.js` runs the command as `bin/microwasm.cjs` does (the bundle, with its code cache).
import { createRequire } from "node:module";

createRequire(import.meta.url)("../bin/microwasm.cjs");
