import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppManager, type AppManagerOptions, ManualClock } from "@microwasm/app-framework";
import { compileApp } from "@microwasm/app-sdk";

/** WAMR's sample apps as WAMR's toolchain built them (test data beside the repository). */
export const wamrAppsDir =
  process.env["MICROWASM_WAMR_APPS_DIR"] ??
  new URL("../../../../shared/wamr-apps/", import.meta.url).pathname;
export const haveWamrSensorApp = existsSync(join(wamrAppsDir, "sensor.wasm"));
export const noWamrAppsReason = `WAMR's prebuilt sensor.wasm is not in ${wamrAppsDir} (set MICROWASM_WAMR_APPS_DIR)`;
export const wamrApp = (name: string) => readFileSync(join(wamrAppsDir, `${name}.wasm`));

/** Whether clang and wasm-ld are installed (apps built from C need them). */
export const cToolchain =
  spawnSync(process.env["MICROWASM_CLANG"] ?? "clang", ["--version"]).status === 0 &&
  spawnSync("wasm-ld", ["--version"]).status === 0;
export const noToolchainReason = "clang and lld are not installed (apt-get install clang lld)";

export const examplesDir = new URL("../../../examples/apps/", import.meta.url).pathname;

let out: string | undefined;
const built = new Map<string, Uint8Array>();
/** Builds a C app with the app SDK, as `microwasm-app-cc -O3` would; cached per run. */
export function buildApp(source: string): Uint8Array {
  let bytes = built.get(source);
  if (bytes === undefined) {
    out ??= mkdtempSync(join(tmpdir(), "sensor-test-"));
    const output = join(out, `${built.size}.wasm`);
    compileApp({ sources: [source], output });
    bytes = readFileSync(output);
    built.set(source, bytes);
  }
  return bytes;
}

/** A manager on a manual clock that keeps what each app prints. */
export function testManager(options: AppManagerOptions = {}) {
  const clock = new ManualClock(1000);
  const printed = new Map<string, string>();
  const decoder = new TextDecoder();
  const manager = new AppManager({
    clock,
    stdout: (app, bytes) => printed.set(app, (printed.get(app) ?? "") + decoder.decode(bytes)),
    ...options,
  });
  /** What `app` printed since the last call. */
  const output = (app: string) => {
    const text = printed.get(app) ?? "";
    printed.delete(app);
    return text;
  };
  /** Moves the clock on by `ms`, letting the queues drain at each timer's expiry. */
  const advance = async (ms: number) => {
    const end = clock.now() + ms;
    for (let next = clock.nextAt(); next !== undefined && next <= end; next = clock.nextAt()) {
      clock.advance(next - clock.now());
      await manager.settle();
    }
    clock.advance(end - clock.now());
    await manager.settle();
  };
  return { manager, clock, output, advance };
}
