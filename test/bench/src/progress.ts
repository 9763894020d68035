import cliProgress from "cli-progress";

/** Shows which measurement is running: a bar on a terminal, one line per step otherwise. */
export interface Progress {
  step(label: string): void;
  end(): void;
}

export function createProgress(total: number, stream: NodeJS.WriteStream = process.stdout): Progress {
  if (!stream.isTTY) {
    let done = 0;
    return {
      step: (label) => stream.write(`[${++done}/${total}] ${label}\n`),
      end: () => {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: "{bar} {value}/{total} {label}", stream, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { label: "" });
  let done = 0;
  return {
    // Measurements block the event loop, so each step is drawn before it starts.
    step: (label) => {
      bar.update(done++, { label });
      bar.render();
    },
    end: () => {
      bar.update(total, { label: "" });
      bar.stop();
    },
  };
}
