import { AttrContainer } from "@microwasm/attr-container";
import type { AppInfo } from "../app-manager.js";

/**
 * The list of installed apps as WAMR's app manager sends it: an attr_container tagged `tag`
 * ("Applets Info" for a query, "All Applets" for the `/applets` event) with `num` (int), then
 * `appletI` (string) and `heapI` (int) for I = 1..num, newest app first.
 */
export function appletsContainer(apps: readonly AppInfo[], tag: string): Uint8Array {
  const container = new AttrContainer(tag).set("num", apps.length, "int32");
  apps.forEach((app, i) => {
    container.set(`applet${i + 1}`, app.name, "string").set(`heap${i + 1}`, app.heapSize, "int32");
  });
  return container.toBytes();
}

/** One app as WAMR's query by name answers: `name` (string) and `heap` (int). */
export function appletContainer(app: AppInfo): Uint8Array {
  return new AttrContainer("Applet Info")
    .set("name", app.name, "string")
    .set("heap", app.heapSize, "int32")
    .toBytes();
}

/** WAMR's error payload: an attr_container tagged "" with the single string `"error message"`. */
export function errorContainer(message: string): Uint8Array {
  return new AttrContainer("").set("error message", message, "string").toBytes();
}
