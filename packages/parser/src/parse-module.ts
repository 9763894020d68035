import type { Features, Module } from "@microwasm/core";

export function parseModule(bytes: Uint8Array, features?: Features): Module {
  void bytes;
  void features;
  throw new Error("not implemented yet");
}
