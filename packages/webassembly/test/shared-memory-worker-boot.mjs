// Worker entry for shared-memory.test.ts: registers tsx so the TypeScript worker (and the
// workspace packages it imports through their "source" export condition) load without a build.
import { register } from "tsx/esm/api";

register();
await import("./shared-memory-worker.ts");
