// microwasm's AssemblyScript app library, WAMR's API: import the parts by path,
//   import * as request from "@microwasm/app-sdk/assembly/request";
//   import * as timer from "@microwasm/app-sdk/assembly/timer";
//   import * as console from "@microwasm/app-sdk/assembly/console";
// and re-export the entry points from the app's entry file:
//   export * from "@microwasm/app-sdk/assembly/exports";
export * from "./exports";
