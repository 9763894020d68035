// A timer every second that stops itself after five ticks; a one-shot timer after 2.5 s.
// Build: asc timer.ts -o timer.wasm -O --use abort= (see packages/app-sdk/README.md)
import * as console from "@microwasm/app-sdk/assembly/console";
import * as timer from "@microwasm/app-sdk/assembly/timer";

export * from "@microwasm/app-sdk/assembly/exports";

let ticks = 0;
let started = 0;
let ticker: timer.user_timer | null = null;

export function on_init(): void {
  started = timer.now();
  // Callbacks cannot capture locals in AssemblyScript: state lives in module variables.
  ticker = timer.setInterval(() => {
    ticks++;
    console.log("tick " + ticks.toString() + " after " + (timer.now() - started).toString() + " ms");
    if (ticks == 5) {
      timer.timer_cancel(ticker!);
      console.log("ticker stopped");
    }
  }, 1000);
  timer.setTimeout(() => {
    console.log("one-shot fired");
  }, 2500);
}

export function on_destroy(): void {
  console.log("timer app destroyed");
}
