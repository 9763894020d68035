import type { FuncType } from "@microwasm/core";

/**
 * An exception tag in the store. Tags match by identity: two tags of the same type are
 * different tags, and an imported tag is the exporter's object.
 */
export class TagInstance {
  constructor(
    /** The payload's types are the parameters (a tag type has no results). */
    readonly type: FuncType,
  ) {}
}
