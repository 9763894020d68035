// Worker entry: registers tsx so the TypeScript worker (and the workspace packages it imports
// through their "source" export condition) load without a build step.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
