/**
 * The entry of `microwasm.js` (a classic script): defines `globalThis.microwasm` and, where the
 * engine has no WebAssembly (QuickJS, Hermes, Chromium --jitless), `globalThis.WebAssembly`.
 */
import * as microwasm from "./index.js";

const host = globalThis as { microwasm?: unknown; WebAssembly?: unknown };
host.microwasm = microwasm;
if (typeof host.WebAssembly === "undefined") host.WebAssembly = microwasm.WebAssembly;
