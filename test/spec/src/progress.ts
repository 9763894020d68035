import cliProgress from "cli-progress";
import type { PoolEvents, ScriptTask } from "./pool.js";
import { type Counts, emptyCounts, type ScriptResult } from "./results.js";

/** Shows progress while scripts run: a bar on a terminal, one line per script otherwise. */
export interface Reporter extends PoolEvents {
  begin(tasks: readonly ScriptTask[]): void;
  end(): void;
}

/** Picks the bar when `stream` is a terminal, else plain lines. */
export function createReporter(stream: NodeJS.WriteStream = process.stdout): Reporter {
  return stream.isTTY ? new BarReporter(stream) : new LineReporter((line) => stream.write(`${line}\n`));
}

/** Says nothing (for tests that print their own summary). */
export const silentReporter: Reporter = { begin() {}, end() {} };

export function formatScriptLine(r: ScriptResult): string {
  const name = `${r.group}/${r.script}`.padEnd(44);
  const extra = [
    r.nanQuieted > 0 ? `${r.nanQuieted} nan-quieted` : "",
    r.messageMismatch > 0 ? `${r.messageMismatch} msg-mismatch` : "",
    r.aborted ? `ABORTED: ${r.aborted}` : "",
  ].filter(Boolean);
  return (
    `${name} ${String(r.pass).padStart(6)} pass ${String(r.fail).padStart(6)} fail ${String(r.skip).padStart(5)} skip` +
    `  ${String(r.durationMs).padStart(6)} ms${extra.length > 0 ? `  (${extra.join(", ")})` : ""}`
  );
}

export class LineReporter implements Reporter {
  readonly #write: (line: string) => void;
  constructor(write: (line: string) => void) {
    this.#write = write;
  }
  begin(tasks: readonly ScriptTask[]): void {
    const commands = tasks.reduce((n, t) => n + t.commands, 0);
    this.#write(`running ${tasks.length} scripts, ${commands} commands`);
  }
  onResult(result: ScriptResult): void {
    this.#write(formatScriptLine(result));
  }
  end(): void {}
}

class BarReporter implements Reporter {
  readonly #stream: NodeJS.WriteStream;
  #multi: cliProgress.MultiBar | undefined;
  #bar: cliProgress.SingleBar | undefined;
  /** Commands finished by completed scripts, and the live progress of running ones. */
  #completed = 0;
  readonly #totals: Counts = emptyCounts();
  readonly #running = new Map<ScriptTask, { done: number; counts: Counts }>();

  constructor(stream: NodeJS.WriteStream) {
    this.#stream = stream;
  }

  begin(tasks: readonly ScriptTask[]): void {
    this.#multi = new cliProgress.MultiBar(
      {
        stream: this.#stream,
        format:
          "{bar} {percentage}% | {value}/{total} commands | {pass} pass {fail} fail {skip} skip | {scripts}",
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    const total = tasks.reduce((n, t) => n + t.commands, 0);
    this.#bar = this.#multi.create(total, 0, { pass: 0, fail: 0, skip: 0, scripts: "" });
  }

  onStart(task: ScriptTask): void {
    this.#running.set(task, { done: 0, counts: emptyCounts() });
    this.#render();
  }

  onProgress(task: ScriptTask, done: number, counts: Counts): void {
    this.#running.set(task, { done, counts });
    this.#render();
  }

  onResult(result: ScriptResult): void {
    for (const task of this.#running.keys()) {
      if (task.group === result.group && task.script === result.script) this.#running.delete(task);
    }
    this.#completed += result.commands;
    this.#totals.pass += result.pass;
    this.#totals.fail += result.fail;
    this.#totals.skip += result.skip;
    if (result.fail > 0 || result.aborted) this.#multi?.log(`${formatScriptLine(result)}\n`);
    this.#render();
  }

  end(): void {
    this.#render();
    this.#multi?.stop();
  }

  #render(): void {
    let value = this.#completed;
    const live = { ...this.#totals };
    for (const { done, counts } of this.#running.values()) {
      value += done;
      live.pass += counts.pass;
      live.fail += counts.fail;
      live.skip += counts.skip;
    }
    const scripts = [...this.#running.keys()].map((t) => `${t.group}/${t.script}`).join(", ");
    this.#bar?.update(value, { pass: live.pass, fail: live.fail, skip: live.skip, scripts });
  }
}
