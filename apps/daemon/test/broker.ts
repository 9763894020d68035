import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { userInfo } from "node:os";
import { join } from "node:path";
import { freePort } from "./processes.js";

export const mosquittoPath = ["/usr/sbin/mosquitto", "/usr/bin/mosquitto"].find((p) => existsSync(p));
export const noMosquitto = "Mosquitto is not installed (apt-get install mosquitto)";

function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * A real Mosquitto on a free loopback port, with persistence in `dir`, so a restart keeps the
 * persistent sessions and the QoS 1 messages queued for them.
 */
export class Broker {
  readonly port: number;
  readonly dir: string;
  private child: ChildProcess | undefined;

  private constructor(port: number, dir: string) {
    this.port = port;
    this.dir = dir;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  /** `settings`: more mosquitto.conf lines (authentication, ACLs); the default lets anyone in. */
  static async start(dir: string, settings: readonly string[] = ["allow_anonymous true"]): Promise<Broker> {
    const broker = new Broker(await freePort(), dir);
    writeFileSync(
      join(dir, "mosquitto.conf"),
      [
        `listener ${broker.port} 127.0.0.1`,
        ...settings,
        "set_tcp_nodelay true",
        "persistence true",
        `persistence_location ${dir}/`,
        "autosave_interval 1",
        "log_dest none",
        // As root Mosquitto drops to user "mosquitto", which cannot write the test's directory.
        `user ${userInfo().username}`,
        "",
      ].join("\n"),
    );
    await broker.run();
    return broker;
  }

  private async run(): Promise<void> {
    const child = spawn(mosquittoPath!, ["-c", join(this.dir, "mosquitto.conf")], { stdio: "ignore" });
    this.child = child;
    const end = Date.now() + 20_000;
    while (!(await accepting(this.port))) {
      if (child.exitCode !== null) throw new Error(`mosquitto exited with ${child.exitCode}`);
      if (Date.now() > end) throw new Error("mosquitto did not start");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Stops it (SIGTERM: it saves its database) and starts it again on the same port. */
  async restart(): Promise<void> {
    await this.stop();
    await this.run();
  }

  stop(): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  }
}
