// Publishes "alert/overheat" every second with a text payload.
import * as request from "@microwasm/app-sdk/assembly/request";
import * as timer from "@microwasm/app-sdk/assembly/timer";

export * from "@microwasm/app-sdk/assembly/exports";

let published = 0;

export function on_init(): void {
  timer.setInterval(() => {
    published++;
    const payload = String.UTF8.encode("overheat #" + published.toString());
    request.publish_event("alert/overheat", 0, payload, payload.byteLength);
  }, 1000);
}

export function on_destroy(): void {}
