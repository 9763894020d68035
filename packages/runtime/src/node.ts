/**
 * @microwasm/runtime/node: what the runtime needs from Node, kept out of the portable main entry.
 *
 * - `nodeHost`: a `RuntimeHost` whose WASI reaches host directories (confined to each
 *   preopen) and the process's stdin, stdout and stderr: `new Runtime({ host: nodeHost })`.
 */
import { WASI } from "@microwasm/libc-wasi";
import type { RuntimeHost } from "./runtime-host.js";

export const nodeHost: RuntimeHost = {
  createWasi: (options) => new WASI(options),
};
