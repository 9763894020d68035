/**
 * Stands in for `node:child_process` in the CLI bundle (see the build script's `--alias`).
 * commander requires it at load for executable subcommands, which the CLI does not have, and
 * loading Node's child_process costs about 6 ms of every start.
 */
export function spawn(): never {
  throw new Error("microwasm: the CLI does not run subcommands as separate processes");
}
