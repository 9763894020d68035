import "./capture-native.js";

// Node's engine is captured, then removed from the global before any translator loads, so no
// tier (microwasm's, polywasm, wasm2js output) can hand work to it. Imported first by main.ts.
Reflect.deleteProperty(globalThis, "WebAssembly");
