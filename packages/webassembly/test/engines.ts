import { WebAssembly as Microwasm } from "../src/index.js";

/**
 * The two engines the tests run against: ours and node's own. Running every case on both keeps
 * our behaviour honest: where node's differs from the JS API spec, the test says so.
 */
// biome-ignore lint/suspicious/noExplicitAny: the API objects are used the way JS code uses them
export type Api = any;

export const nodeWebAssembly: Api = (globalThis as unknown as { WebAssembly: Api }).WebAssembly;

export const engines: [string, Api][] = [
  ["microwasm", Microwasm],
  ["node", nodeWebAssembly],
];
