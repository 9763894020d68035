import { cpus } from "node:os";
import type { CompileSpeed } from "./compile-speed.js";
import type { Timing } from "./run-kernel.js";

/** Goals of issue 6 (the interpreter) and issue 14 (the AOT tier), checked in every report. */
export const GOALS = {
  geomeanRatio: 20,
  worstRatio: 50,
  loadMBps: 20,
  aotGeomeanRatio: 2,
  aotWorstRatio: 4,
} as const;

/** The columns besides native and the interpreter: microwasm's AOT tier and the reference translators. */
export const OTHER_COLUMNS = ["aot", "polywasm", "wasm2js"] as const;
export type OtherColumn = (typeof OTHER_COLUMNS)[number];

/** One more engine's run of a kernel. */
export interface ColumnResult {
  readonly checksum: number;
  readonly cpuMs: number;
  readonly wallMs: number;
  /** CPU time / native CPU time. */
  readonly ratio: number;
}

export interface KernelResult {
  readonly name: string;
  readonly what: string;
  /** A SIMD kernel: outside the scalar goals, with its own geometric mean. */
  readonly simd: boolean;
  /** A WebAssembly 3.0 kernel (tail calls, exceptions): outside the scalar goals, with its own geometric mean. */
  readonly wasm3: boolean;
  readonly reps: number;
  readonly checksum: { readonly native: number; readonly microwasm: number; readonly equal: boolean };
  /** Median times, and every timed run. */
  readonly native: Timing;
  readonly microwasm: Timing;
  readonly runs: { readonly native: readonly Timing[]; readonly microwasm: readonly Timing[] };
  /** microwasm CPU time / native CPU time (the machine may be shared; see `wallRatio`). */
  readonly ratio: number;
  /** microwasm wall time / native wall time. */
  readonly wallRatio: number;
  /** The other columns; null where the engine cannot run the kernel (SIMD) or is not installed. */
  readonly others: Readonly<Record<OtherColumn, ColumnResult | null>>;
}

/** A column's geometric mean and worst ratio over the scalar kernels it ran. */
export interface ColumnSummary {
  readonly geomeanRatio: number | null;
  readonly worstRatio: number | null;
  readonly simdGeomeanRatio: number | null;
}

export interface LoadResult {
  readonly module: string;
  readonly bytes: number;
  /** Median times. */
  readonly native: Timing;
  readonly microwasm: Timing;
  /** Megabytes per second of CPU time (and of wall time). */
  readonly nativeMBps: number;
  readonly microwasmMBps: number;
  readonly microwasmWallMBps: number;
  readonly ratio: number;
  /** The AOT tier's load (the same pipeline, functions translated on first call). */
  readonly aot: Timing;
  /** The AOT tier's compile speed when every function is translated (compile-speed.ts). */
  readonly compile: CompileSpeed;
}

export interface BenchReport {
  readonly date: string;
  readonly node: string;
  readonly cpu: string;
  readonly mode: string;
  readonly kernels: readonly KernelResult[];
  /** Geometric mean and maximum of the scalar kernels' ratios (null when none ran). */
  readonly geomeanRatio: number | null;
  readonly worstRatio: number | null;
  /** Geometric mean of the SIMD kernels' ratios (null when none ran). */
  readonly simdGeomeanRatio: number | null;
  /** Geometric mean of the WebAssembly 3.0 kernels' ratios (null when none ran). */
  readonly wasm3GeomeanRatio: number | null;
  readonly columns: Readonly<Record<OtherColumn, ColumnSummary>>;
  readonly load: LoadResult | null;
  readonly goals: typeof GOALS;
  /** Whether every checksum matched. */
  readonly ok: boolean;
}

export function geometricMean(values: readonly number[]): number {
  return Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
}

export function buildReport(
  mode: string,
  kernels: readonly KernelResult[],
  load: LoadResult | null,
): BenchReport {
  const ratios = kernels.filter((k) => !k.simd && !k.wasm3).map((k) => k.ratio);
  const simdRatios = kernels.filter((k) => k.simd).map((k) => k.ratio);
  const wasm3Ratios = kernels.filter((k) => k.wasm3).map((k) => k.ratio);
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model ?? "unknown",
    mode,
    kernels,
    geomeanRatio: ratios.length > 0 ? geometricMean(ratios) : null,
    worstRatio: ratios.length > 0 ? Math.max(...ratios) : null,
    simdGeomeanRatio: simdRatios.length > 0 ? geometricMean(simdRatios) : null,
    wasm3GeomeanRatio: wasm3Ratios.length > 0 ? geometricMean(wasm3Ratios) : null,
    columns: Object.fromEntries(OTHER_COLUMNS.map((c) => [c, summarizeColumn(kernels, c)])) as Record<
      OtherColumn,
      ColumnSummary
    >,
    load,
    goals: GOALS,
    ok: kernels.every(
      (k) =>
        k.checksum.equal &&
        OTHER_COLUMNS.every((c) => k.others[c] === null || k.others[c]!.checksum === k.checksum.native),
    ),
  };
}

function summarizeColumn(kernels: readonly KernelResult[], column: OtherColumn): ColumnSummary {
  const ratios = kernels
    .filter((k) => !k.simd && !k.wasm3 && k.others[column] !== null)
    .map((k) => k.others[column]!.ratio);
  const simd = kernels.filter((k) => k.simd && k.others[column] !== null).map((k) => k.others[column]!.ratio);
  return {
    geomeanRatio: ratios.length > 0 ? geometricMean(ratios) : null,
    worstRatio: ratios.length > 0 ? Math.max(...ratios) : null,
    simdGeomeanRatio: simd.length > 0 ? geometricMean(simd) : null,
  };
}

const ms = (v: number): string => `${v.toFixed(1)} ms`;
const x = (v: number): string => `${v.toFixed(1)}x`;

/** The human-readable table printed at the end of a run. */
export function formatReport(report: BenchReport): string {
  const lines: string[] = ["times are process CPU time (medians); `wall` is the ratio of wall-clock times"];
  if (report.kernels.length > 0) {
    lines.push(
      `${"kernel".padEnd(18)} ${"native".padStart(11)} ${"microwasm".padStart(12)} ${"ratio".padStart(8)} ${"wall".padStart(7)}` +
        `${OTHER_COLUMNS.map((c) => `${c.padStart(12)} ${"ratio".padStart(7)}`).join("")}  checksum`,
    );
  }
  for (const k of report.kernels) {
    const mismatched = OTHER_COLUMNS.filter(
      (c) => k.others[c] !== null && k.others[c]!.checksum !== k.checksum.native,
    );
    const check = !k.checksum.equal
      ? `MISMATCH native ${k.checksum.native} microwasm ${k.checksum.microwasm}`
      : mismatched.length > 0
        ? `MISMATCH ${mismatched.map((c) => `${c} ${k.others[c]!.checksum}`).join(", ")}`
        : `ok ${k.checksum.native}`;
    const others = OTHER_COLUMNS.map((c) => {
      const r = k.others[c];
      return r === null
        ? `${"-".padStart(12)} ${"".padStart(7)}`
        : `${ms(r.cpuMs).padStart(12)} ${x(r.ratio).padStart(7)}`;
    }).join("");
    lines.push(
      `${k.name.padEnd(18)} ${ms(k.native.cpuMs).padStart(11)} ${ms(k.microwasm.cpuMs).padStart(12)} ${x(k.ratio).padStart(8)} ${x(k.wallRatio).padStart(7)}${others}  ${check}`,
    );
  }
  if (report.geomeanRatio !== null && report.worstRatio !== null) {
    lines.push(
      `geometric mean ${x(report.geomeanRatio)} (goal ≤ ${GOALS.geomeanRatio}x), worst ${x(report.worstRatio)} (goal ≤ ${GOALS.worstRatio}x)`,
    );
  }
  for (const c of OTHER_COLUMNS) {
    const col = report.columns[c];
    if (col.geomeanRatio === null || col.worstRatio === null) continue;
    const goal = c === "aot" ? ` (goal ≤ ${GOALS.aotGeomeanRatio}x, worst ≤ ${GOALS.aotWorstRatio}x)` : "";
    const simd = col.simdGeomeanRatio === null ? "" : `; SIMD ${x(col.simdGeomeanRatio)}`;
    lines.push(`${c}: geometric mean ${x(col.geomeanRatio)}, worst ${x(col.worstRatio)}${goal}${simd}`);
  }
  if (report.simdGeomeanRatio !== null) {
    lines.push(`SIMD kernels: geometric mean ${x(report.simdGeomeanRatio)} (not part of the scalar goals)`);
  }
  if (report.wasm3GeomeanRatio !== null) {
    lines.push(
      `WebAssembly 3.0 kernels: geometric mean ${x(report.wasm3GeomeanRatio)} (not part of the scalar goals)`,
    );
  }
  const load = report.load;
  if (load !== null) {
    lines.push(
      `load ${load.module} (${(load.bytes / 1e6).toFixed(1)} MB): native ${ms(load.native.cpuMs)} ` +
        `(${load.nativeMBps.toFixed(0)} MB/s), microwasm ${ms(load.microwasm.cpuMs)} ` +
        `(${load.microwasmMBps.toFixed(1)} MB/s, goal ≥ ${GOALS.loadMBps} MB/s; by wall clock ` +
        `${load.microwasmWallMBps.toFixed(1)} MB/s), ratio ${x(load.ratio)}; aot tier ${ms(load.aot.cpuMs)} ` +
        `(${(load.bytes / 1e6 / (load.aot.cpuMs / 1000)).toFixed(1)} MB/s)`,
    );
    const c = load.compile;
    lines.push(
      `aot compile of every function: ${c.MBps.toFixed(1)} MB/s (pipeline ${ms(c.pipeline.cpuMs)}, ` +
        `translate + new Function ${ms(c.translate.cpuMs)}; ${c.translated} of ` +
        `${c.functions} functions, ${(c.sourceChars / 1e6).toFixed(1)} M chars of JS; heap +${c.heapMB.toFixed(0)} MB)`,
    );
  }
  return lines.join("\n");
}
