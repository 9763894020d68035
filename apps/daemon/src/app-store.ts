import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { InstallOptions } from "@microwasm/app-framework";
import { z } from "zod";
import { syncDir, writeDurably } from "./durable-file.js";

/** One saved app: what `restore` hands back. */
export interface SavedApp {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly options: InstallOptions;
}

const recordSchema = z
  .object({
    name: z.string().min(1),
    /** Install order: apps come back in it, so a query lists them as before. */
    sequence: z.number().int().nonnegative(),
    size: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    options: z
      .object({
        heapSize: z.number().int().nonnegative(),
        maxTimers: z.number().int().nonnegative(),
        watchdogMs: z.number().int().nonnegative(),
        fuel: z.number().int().nonnegative(),
      })
      .partial()
      .strict(),
  })
  .strict();

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
/** A directory name for any app name (names may hold characters a file system refuses). */
const dirName = (name: string) => `app-${encodeURIComponent(name).replace(/\./g, "%2E")}`;

/**
 * Installed apps on disk (`--data-dir`): `apps/<app>/app.wasm` and `install.json` (the install
 * parameters, the install order and a checksum). An install is written into `tmp/` and renamed
 * into `apps/` in one step, so a daemon killed at any moment comes back with the whole app or
 * none of it; an uninstall renames the app out to `trash/` before deleting it.
 */
export class AppStore {
  readonly dir: string;
  private sequence = 0;

  constructor(dir: string) {
    this.dir = dir;
  }

  private get apps() {
    return join(this.dir, "apps");
  }

  /** Creates the layout, drops leftovers of interrupted writes, and reads the saved apps in install order. */
  async restore(warn: (name: string, why: string) => void): Promise<SavedApp[]> {
    for (const sub of ["tmp", "trash"]) await rm(join(this.dir, sub), { recursive: true, force: true });
    for (const sub of ["apps", "tmp", "trash"]) await mkdir(join(this.dir, sub), { recursive: true });
    const found: { record: z.infer<typeof recordSchema>; bytes: Uint8Array }[] = [];
    for (const entry of (await readdir(this.apps)).sort()) {
      const at = join(this.apps, entry);
      try {
        const record = recordSchema.parse(JSON.parse(await readFile(join(at, "install.json"), "utf8")));
        const bytes = new Uint8Array(await readFile(join(at, "app.wasm")));
        if (bytes.length !== record.size || sha256(bytes) !== record.sha256)
          throw new Error("app.wasm does not match its checksum");
        if (dirName(record.name) !== entry) throw new Error(`the directory is not ${dirName(record.name)}`);
        found.push({ record, bytes });
      } catch (error) {
        warn(entry, (error as Error).message);
      }
    }
    found.sort((a, b) => a.record.sequence - b.record.sequence);
    this.sequence = found.reduce((max, f) => Math.max(max, f.record.sequence + 1), 0);
    return found.map(({ record, bytes }) => ({ name: record.name, bytes, options: record.options }));
  }

  /** Saves an installed app; when this resolves, the app survives a crash. */
  async save(name: string, bytes: Uint8Array, options: InstallOptions): Promise<void> {
    const staging = join(this.dir, "tmp", randomBytes(8).toString("hex"));
    await mkdir(staging);
    try {
      const record = { name, sequence: this.sequence++, size: bytes.length, sha256: sha256(bytes), options };
      await writeDurably(join(staging, "app.wasm"), bytes);
      await writeDurably(join(staging, "install.json"), `${JSON.stringify(record, null, 2)}\n`);
      await syncDir(staging);
      const target = join(this.apps, dirName(name));
      await this.discard(target);
      await rename(staging, target);
      await syncDir(this.apps);
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
  }

  /** Forgets an app; a missing one is not an error. */
  async remove(name: string): Promise<void> {
    await this.discard(join(this.apps, dirName(name)));
    await syncDir(this.apps);
  }

  private async discard(dir: string): Promise<void> {
    const trash = join(this.dir, "trash", randomBytes(8).toString("hex"));
    try {
      await rename(dir, trash);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    await rm(trash, { recursive: true, force: true });
  }
}
