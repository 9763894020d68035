import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import asc from "assemblyscript/asc";
import { describe, expect, it } from "vitest";
import { Status } from "../src/index.js";
import { testManager } from "./harness.js";
import { examplesDir } from "./toolchain.js";

// The app SDK's AssemblyScript samples, built with asc from npm: they have no runtime app heap
// use of their own; the manager hands them packets through their exported malloc/free.

const sdkRoot = new URL("../../app-sdk/", import.meta.url).pathname;

describe("AssemblyScript apps under AppManager", () => {
  const out = mkdtempSync(join(tmpdir(), "app-framework-as-"));
  mkdirSync(join(out, "node_modules", "@microwasm"), { recursive: true });
  symlinkSync(sdkRoot, join(out, "node_modules", "@microwasm", "app-sdk"));
  const build = async (name: string) => {
    const output = join(out, `${name}.wasm`);
    const result = await asc.main([
      join(examplesDir, "assemblyscript", `${name}.ts`),
      ...["-o", output, "-O", "--use", "abort=", "--path", join(out, "node_modules")],
    ]);
    if (result.error !== null) throw new Error(result.stderr.toString());
    return readFileSync(output);
  };

  it("request_sender and request_handler talk; the host reads and writes /greeting", async () => {
    const { manager, output } = testManager();
    await manager.install("request_handler", await build("request_handler"));
    await manager.install("request_sender", await build("request_sender"));
    await manager.settle();
    expect(output("request_sender")).toBe("status 68\nstatus 69, payload good morning\n");
    expect(output("request_handler")).toBe("greeting is now good morning\n");
    const got = await manager.request({ url: "/greeting", action: "GET" });
    expect(got.status).toBe(Status.CONTENT);
    expect(new TextDecoder().decode(got.payload)).toBe("good morning");
  }, 60_000);
});
