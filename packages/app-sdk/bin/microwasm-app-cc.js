#!/usr/bin/env node
import { runAppCc } from "../dist/index.js";

process.exitCode = runAppCc(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
