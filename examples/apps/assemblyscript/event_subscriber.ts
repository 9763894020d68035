// Subscribes to "alert/overheat" and prints each event's payload.
import * as console from "@microwasm/app-sdk/assembly/console";
import * as request from "@microwasm/app-sdk/assembly/request";

export * from "@microwasm/app-sdk/assembly/exports";

export function on_init(): void {
  request.subscribe_event("alert/overheat", (event) => {
    console.log("event " + event.url + ": " + String.UTF8.decode(event.payload));
  });
}

export function on_destroy(): void {}
