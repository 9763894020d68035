/**
 * @microwasm/app-sdk: what an app author builds with (build time only; nothing here runs in
 * the runtime).
 *
 * - The C SDK in `c/`: WAMR's app headers (`wasm_app.h`, `wa-inc/request.h`,
 *   `wa-inc/timer_wasm_app.h`, `wa-inc/sensor.h`, `wa-inc/connection.h`,
 *   `bi-inc/attr_container.h`), libc-builtin headers, and the app library's sources.
 * - `compileApp(options)` → the app built (clang for wasm32, the library linked in, WAMR's
 *   exports); throws `AppCompileError` (`failure`: toolchain missing, compile failed, link
 *   failed, bad options). `runAppCc(args, out)` is the `microwasm-app-cc` command.
 * - `APP_NATIVES`: the natives WAMR exports to apps (names, signature strings);
 *   `APP_ENTRY_POINTS`, `APP_DATA_EXPORTS`: what the runtime calls and reads in an app.
 * - `sdkFiles`: where the headers, library sources and AssemblyScript library are.
 */

export { APP_CC_USAGE, type CommandOutput, runAppCc } from "./app-cc-command.js";
export { AppCompileError, AppCompileFailure, TOOLCHAIN_PACKAGES } from "./app-compile-error.js";
export { APP_NATIVES, APP_NATIVES_MODULE, type AppNative, type AppNativeGroup } from "./app-natives.js";
export { type CompileAppOptions, type CompiledApp, compileApp } from "./compile-app.js";
export { APP_DATA_EXPORTS, APP_ENTRY_POINTS, type AppEntryPoint } from "./entry-points.js";
export { librarySources, sdkFiles } from "./sdk-files.js";
