import { Command, InvalidArgumentError } from "commander";
import type { HostFlags } from "./host-run.js";

/** host_tool's exit code for a usage mistake or a failed connection (its -1). */
const FAILURE_EXIT = 255;

function integer(text: string): number {
  if (!/^\d+$/.test(text)) throw new InvalidArgumentError("expected a whole number");
  return Number(text);
}

/**
 * host_tool's `-q[NAME]` takes its name only when attached (`-qfoo`); commander would take the
 * next word. A lone `-q` or `--query` after `host` becomes `--query=` (query all) before parsing.
 */
export function attachQueryArgument(argv: readonly string[]): string[] {
  const at = argv.indexOf("host");
  if (at < 0) return [...argv];
  return argv.map((arg, i) => (i > at && (arg === "-q" || arg === "--query") ? "--query=" : arg));
}

/** `microwasm host`: WAMR's host_tool, its flags, output and exit codes; `--json` for scripts. */
export function hostCommand(): Command {
  return (
    new Command("host")
      .description(
        "talk to a device's app manager (microwasmd or WAMR's) as WAMR's host_tool: one operation per run, " +
          "its output, and the response status as the exit code (2: timeout, 255: usage or connection)",
      )
      .helpOption("-h, --help", "show this help")
      .option("-i, --install <name>", "install an app (with -f FILE)")
      .option("-f, --file <file>", "the app's .wasm file")
      .option("-u, --uninstall <name>", "uninstall an app")
      .option("-q, --query [name]", "query all apps, or one (-qNAME: attached, as host_tool)")
      .option("-r, --request <url>", "send a request (with -A, optionally -p)")
      .option("-A, --action <action>", "GET, PUT, POST or DELETE (any case)")
      .option("-p, --payload <file>", "a JSON file sent as an attr_container")
      .option("-s, --register <event>", "subscribe to an event (use -a to stay for the events)")
      .option("-d, --deregister <event>", "unsubscribe from an event")
      .option("-S, --address <address>", "device address (default 127.0.0.1)")
      .option("-P, --port <port>", "device port (default 8888)", integer)
      .option("-D, --uart_device <device>", "talk over this serial device instead of TCP")
      .option("-B, --baudrate <n>", "serial speed (default 115200)", integer)
      .option("-t, --timeout <ms>", "wait this long for the response (default 5000)", integer)
      .option("-a, --alive <ms>", "stay this long after the response (default 0)", integer)
      .option("-o, --output <file>", "also append the output to this file")
      .option("-U, --udp <port>", "also send the output as UDP datagrams to 127.0.0.1:PORT", integer)
      .option("--type <type>", "app type for -i/-u (wasm, the default)")
      .option("--heap <bytes>", "app heap for -i (default 8192)", integer)
      .option("--timers <n>", "timers the app may hold, for -i", integer)
      .option("--watchdog <ms>", "watchdog interval for -i", integer)
      .option("--json", "one JSON line per response, event or timeout instead of host_tool's text")
      .allowExcessArguments()
      // A usage mistake exits 255, as host_tool's -1 does.
      .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : FAILURE_EXIT))
      .action(async (flags: HostFlags) => {
        // Loaded on use: the link codec and attr_container (with zod) would cost every other command's start.
        const { HostUsageError, runHost } = await import("./host-run.js");
        try {
          process.exitCode = (await runHost(flags)) & 0xff;
        } catch (error) {
          if (!(error instanceof HostUsageError) && !(error as NodeJS.ErrnoException).code) throw error;
          console.error(`microwasm host: ${(error as Error).message}`);
          process.exitCode = FAILURE_EXIT;
        }
      })
  );
}
