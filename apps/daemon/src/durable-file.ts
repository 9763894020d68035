import { randomBytes } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";

/** Writes a new file and syncs it to disk before resolving. */
export async function writeDurably(file: string, data: Uint8Array | string): Promise<void> {
  const handle = await open(file, "wx");
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Syncs a directory, so that the renames and removals in it survive a crash. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Replaces a file's contents in one step: a crash leaves the old file or the new, never half of one. */
export async function replaceDurably(file: string, data: Uint8Array | string): Promise<void> {
  const staging = join(dirname(file), `.${randomBytes(8).toString("hex")}.tmp`);
  try {
    await writeDurably(staging, data);
    await rename(staging, file);
  } catch (error) {
    await rm(staging, { force: true });
    throw error;
  }
  await syncDir(dirname(file));
}
