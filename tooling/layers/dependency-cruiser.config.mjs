// `pnpm lint:layers`: the package table's layering, checked by dependency-cruiser over the
// workspace in the current directory (the repository root).
import { layerConfig } from "./layer-rules.mjs";

export default layerConfig(process.cwd());
