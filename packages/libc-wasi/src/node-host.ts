import type { HostAccess } from "./host-access.js";
import { hostInput, hostOutput } from "./host-fd-streams.js";
import { NodeFileSystem } from "./node-filesystem.js";

/** The host as the Node entry's `WASI` reaches it: descriptors and directories through node:fs. */
export const nodeHost: HostAccess = {
  input: hostInput,
  output: hostOutput,
  directory: (path) => new NodeFileSystem(path),
};
