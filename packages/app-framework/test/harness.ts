import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { AppManager, type AppManagerOptions, ManualClock } from "../src/index.js";

/** WAMR's sample apps as WAMR's toolchain built them (test data beside the repository). */
export const wamrAppsDir =
  process.env["MICROWASM_WAMR_APPS_DIR"] ??
  new URL("../../../../shared/wamr-apps/", import.meta.url).pathname;
export const haveWamrApps = existsSync(join(wamrAppsDir, "timer.wasm"));
export const noWamrAppsReason = `WAMR's prebuilt sample apps are not in ${wamrAppsDir} (set MICROWASM_WAMR_APPS_DIR)`;

export const wamrApp = (name: string) => readFileSync(join(wamrAppsDir, `${name}.wasm`));

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
  /**
   * Moves the clock on by `ms`, stopping at each timer's expiry to let the queues drain there
   * (as the host's event loop would), so an app reads the tick of its timer's expiry.
   */
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
