// `pnpm lint:layers`: the package table's layering, checked by dependency-cruiser over the
// workspace in the current directory (the repository root).
import { layerConfig } from "./layer-rules.mjs";

export default layerConfig(process.cwd(), {
  // TEMPORARY, to be deleted when the CLI becomes a client of @microwasm/runtime (issue 10,
  // point 1): today's CLI still assembles the pipeline itself from the engine packages.
  "apps/cli/src": [
    "packages/core",
    "packages/parser",
    "packages/validator",
    "packages/interpreter",
    "packages/allocator",
  ],
});
