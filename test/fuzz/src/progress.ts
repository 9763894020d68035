import cliProgress from "cli-progress";
import type { Track, TrackStats } from "./campaign.js";

/**
 * Progress of a campaign: one bar per track on a terminal (cases done, differences, skips,
 * rate); otherwise a line per track every minute and when it completes, so logs of long runs
 * stay short.
 */
export interface Progress {
  update(track: Track): void;
  /** Prints a finding above the bars. */
  log(line: string): void;
  end(): void;
}

export function createProgress(
  tracks: readonly Track[],
  stream: NodeJS.WriteStream = process.stdout,
): Progress {
  return stream.isTTY ? barProgress(tracks, stream) : lineProgress(stream, 60_000);
}

export function describeStats(s: TrackStats): string {
  const skipped = Object.values(s.skipped).reduce((a, b) => a + b, 0);
  const parts = [`same ${s.same}`, `different ${s.different}`, `skipped ${skipped}`];
  if (s.timeouts > 0) parts.push(`timeouts ${s.timeouts}`);
  if (s.errors > 0) parts.push(`errors ${s.errors}`);
  return parts.join(", ");
}

function barProgress(tracks: readonly Track[], stream: NodeJS.WriteStream): Progress {
  const multi = new cliProgress.MultiBar(
    {
      format: "{track} {bar} {value}/{total} | {stats} | {rate}/s",
      stream,
      hideCursor: true,
      clearOnComplete: false,
      barsize: 24,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  const width = Math.max(...tracks.map((t) => t.name.length));
  const bars = new Map(
    tracks.map((t) => [t, multi.create(t.total, 0, { track: t.name.padEnd(width), stats: "", rate: "0" })]),
  );
  return {
    update(track) {
      const rate = track.stats.done / ((performance.now() - started) / 1000);
      bars.get(track)?.update(track.stats.done, { stats: describeStats(track.stats), rate: rate.toFixed(1) });
    },
    log: (line) => multi.log(`${line}\n`),
    end: () => multi.stop(),
  };
}

function lineProgress(stream: NodeJS.WriteStream, everyMs: number): Progress {
  let last = performance.now();
  const print = (track: Track): void => {
    stream.write(`${track.name}: ${track.stats.done}/${track.total} (${describeStats(track.stats)})\n`);
  };
  const seen = new Set<Track>();
  return {
    update(track) {
      seen.add(track);
      if (track.stats.done === track.total) print(track);
      if (performance.now() - last >= everyMs) {
        last = performance.now();
        for (const t of seen) if (t.stats.done < t.total) print(t);
      }
    },
    log: (line) => stream.write(`${line}\n`),
    end: () => {},
  };
}
