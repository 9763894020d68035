import { type CorpusModule, loadCorpus } from "./corpus.js";
import { compareEngines, moduleForSeed } from "./differential.js";
import { type FuzzEngine, microwasmEngine, type Tier } from "./engines.js";
import { verdictFor } from "./minimise.js";
import { checkModule } from "./mutation-check.js";
import { mutateModule } from "./mutators.js";
import { Random } from "./random.js";
import type { FuzzTask, TaskResult, WorkerSetup } from "./worker-protocol.js";

/** Runs one task in this thread (workers call it; see pool.ts for the isolation). */
export function runTask(task: FuzzTask, setup: WorkerSetup): TaskResult {
  const engine = engineFor(task.tier, setup);
  switch (task.kind) {
    case "differential": {
      const bytes = moduleForSeed(task.seed, task.featureSet);
      const outcome = compareEngines(bytes, engine);
      return outcome.kind === "different"
        ? { kind: "differential", outcome, bytes }
        : { kind: "differential", outcome };
    }
    case "mutation": {
      const source = pickCorpusModule(task.seed);
      const { bytes, applied } = mutateModule(source.bytes, task.seed);
      const check = checkModule(bytes, engine);
      const keep = check.problem !== null || check.disagreement !== null;
      return { kind: "mutation", source: source.name, applied, check, ...(keep ? { bytes } : {}) };
    }
    case "verdict":
      return { kind: "verdict", verdict: verdictFor(task.bytes, engine) };
  }
}

const engines = new Map<Tier, FuzzEngine>();
function engineFor(tier: Tier, setup: WorkerSetup): FuzzEngine {
  let engine = engines.get(tier);
  if (!engine) {
    engine = microwasmEngine(tier, { timeoutMs: setup.callTimeoutMs });
    engines.set(tier, engine);
  }
  return engine;
}

let corpus: CorpusModule[] | undefined;
/** The corpus module a mutation seed starts from. */
export function pickCorpusModule(seed: number): CorpusModule {
  corpus ??= loadCorpus();
  if (corpus.length === 0) throw new Error("the mutation corpus is empty");
  return corpus[new Random(seed ^ 0x5bd1e995).below(corpus.length)]!;
}
