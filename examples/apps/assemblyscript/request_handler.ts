// Serves /greeting: GET answers "hello", PUT stores the payload (a UTF-8 string) as the
// new greeting and answers 2.04; other methods get 4.05.
import * as console from "@microwasm/app-sdk/assembly/console";
import * as request from "@microwasm/app-sdk/assembly/request";

export * from "@microwasm/app-sdk/assembly/exports";

let greeting = "hello";

export function on_init(): void {
  request.register_resource_handler("/greeting", (req) => {
    const resp = request.make_response_for_request(req);
    if (req.action == request.COAP_GET) {
      const payload = String.UTF8.encode(greeting);
      resp.set_payload(payload, payload.byteLength);
    } else if (req.action == request.COAP_PUT) {
      greeting = String.UTF8.decode(req.payload);
      console.log("greeting is now " + greeting);
      resp.set_status(request.CoAP_Status.CHANGED_2_04);
    } else {
      resp.set_status(request.CoAP_Status.METHOD_NOT_ALLOWED_4_05);
    }
    request.api_response_send(resp);
  });
}

export function on_destroy(): void {}
