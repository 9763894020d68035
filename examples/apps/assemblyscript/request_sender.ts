// PUTs a new greeting to the request handler (addressed by app name), then GETs it by
// resource URL, and prints both responses (or the timeout).
import * as console from "@microwasm/app-sdk/assembly/console";
import * as request from "@microwasm/app-sdk/assembly/request";

export * from "@microwasm/app-sdk/assembly/exports";

function show(resp: request.wamr_response | null): void {
  if (resp == null) {
    console.log("request timed out");
    return;
  }
  let text = "status " + resp.status.toString();
  const payload = resp.payload;
  if (payload != null) text += ", payload " + String.UTF8.decode(payload);
  console.log(text);
}

export function on_init(): void {
  const payload = String.UTF8.encode("good morning");
  request.put("/app/request_handler/greeting", payload, payload.byteLength, "put", show);
  request.get("/greeting", "get", show);
}

export function on_destroy(): void {}
