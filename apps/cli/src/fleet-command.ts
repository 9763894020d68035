import { Command, InvalidArgumentError } from "commander";
import type { FleetFlags, FleetVerb } from "./fleet-run.js";

const integer = (text: string) => {
  if (!/^\d+$/.test(text)) throw new InvalidArgumentError("expected a whole number");
  return Number(text);
};
const collect = (text: string, previous: string[] = []) => [...previous, text];

/** Runs a verb from fleet-run.ts, loaded on use (MQTT.js, zod and the codec cost every other command's start). */
function run(verb: FleetVerb) {
  return async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const flags = command.optsWithGlobals() as FleetFlags;
    const { runVerb } = await import("./fleet-run.js");
    process.exitCode = await runVerb(verb, flags, command.processedArgs as unknown[]);
  };
}

/** `microwasm fleet`: manage many microwasmd devices through an MQTT broker. */
export function fleetCommand(): Command {
  const fleet = new Command("fleet")
    .description("manage microwasmd devices through an MQTT broker (microwasmd --mqtt URL --device-id ID)")
    .helpOption("-h, --help", "show this help")
    .requiredOption("--broker <url>", "the broker (mqtt://, mqtts://, ws://, wss://)")
    .option("--root <topic>", "the fleet's topic root (default microwasm)")
    .option("--username <name>", "broker user name")
    .option("--password-file <file>", "broker password, from a file (or MICROWASM_MQTT_PASSWORD)")
    .option("--ca <file>", "PEM CA certificate for the broker's TLS")
    .option("--cert <file>", "PEM client certificate")
    .option("--key <file>", "PEM client key")
    .option("-t, --timeout <ms>", "how long to wait for each device's answer (default 5000)", integer)
    .option("--json", "one JSON line per device answer or event");

  const targeted = (name: string, description: string) =>
    fleet
      .command(name)
      .description(description)
      .option("--device <id>", "a device (repeatable)", collect)
      .option("--all", "every device online");

  fleet
    .command("devices")
    .description("list the devices that announced themselves, online or not")
    .action(run("devices"));
  targeted("install", "install an app on devices")
    .argument("<file>", "the app's .wasm file")
    .option("--name <name>", "app name (default: the file's name without .wasm)")
    .option("--heap <bytes>", "app heap", integer)
    .option("--timers <n>", "timers the app may hold", integer)
    .option("--watchdog <ms>", "watchdog interval", integer)
    .action(run("install"));
  targeted("uninstall", "uninstall an app from devices")
    .argument("<name>", "the app")
    .action(run("uninstall"));
  targeted("query", "list the apps of devices (or one app)")
    .argument("[name]", "one app")
    .action(run("query"));
  targeted("request", "send a request to the apps of devices")
    .argument("<url>", "the resource URL (/url1, /app/NAME/…)")
    .option("-A, --action <action>", "GET (default), PUT, POST or DELETE")
    .option("-p, --payload <file>", "a JSON file sent as an attr_container")
    .action(run("request"));
  targeted(
    "subscribe",
    "subscribe devices (default: all online) to an event; print its events tagged with the device",
  )
    .argument("<event>", "the event (alert/overheat)")
    .option("--duration <ms>", "stop after this long (default: until interrupted)", integer)
    .action(run("subscribe"));
  return fleet;
}
