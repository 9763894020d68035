import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { replaceDurably } from "./durable-file.js";

const fileSchema = z.object({ events: z.array(z.string().min(1)) }).strict();

/**
 * The event subscriptions of the daemon's MQTT session, in the data dir
 * (`mqtt-subscriptions.json`). A fleet's controllers outlive a device's restarts, and the MQTT
 * session does too (it is persistent), so the subscriptions made through it come back with the
 * daemon. (A TCP or UART host's subscriptions end with its connection, as its session does.)
 */
export class SubscriptionStore {
  readonly file: string;
  private writing: Promise<void> = Promise.resolve();

  constructor(dir: string) {
    this.file = join(dir, "mqtt-subscriptions.json");
  }

  /** The saved subscriptions: none when there is no file; none, with a warning, for a damaged one. */
  async load(warn: (why: string) => void): Promise<string[]> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    try {
      return fileSchema.parse(JSON.parse(text)).events;
    } catch (error) {
      warn((error as Error).message);
      return [];
    }
  }

  /** Replaces the saved subscriptions; saves run in the order asked, each synced before it resolves. */
  save(events: readonly string[]): Promise<void> {
    const text = `${JSON.stringify({ events }, null, 2)}\n`;
    this.writing = this.writing.catch(() => undefined).then(() => replaceDurably(this.file, text));
    return this.writing;
  }
}
