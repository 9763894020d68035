import { createServer, connect as netConnect } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type AppConnection, type ConnectionRequest, type ConnectionSink, Status } from "../src/index.js";
import { haveWamrApps, testManager, wamrApp } from "./harness.js";
import { buildApp, cToolchain, examplesDir } from "./toolchain.js";

// wasm_open_connection and the rest: refused unless the embedder's opener says otherwise.

describe("connections", () => {
  it.skipIf(!haveWamrApps)(
    "are refused by default: WAMR's connection sample reports the failure",
    async () => {
      const { manager, output } = testManager();
      await manager.install("connection", wamrApp("connection"));
      expect(output("connection")).toContain("connect to server fail!");
    },
  );

  describe.skipIf(!cToolchain)("through an embedder's opener", () => {
    const example = () => buildApp(join(examplesDir, "connection.c"));

    it("carry the app's sends out and the peer's data in; /close and uninstall close them", async () => {
      const requests: { app: string; kind: string; args: unknown }[] = [];
      const sent: string[] = [];
      let closes = 0;
      let sink: ConnectionSink | undefined;
      const opener = (request: ConnectionRequest, s: ConnectionSink): AppConnection => {
        requests.push({ app: request.app, kind: request.kind, args: request.args.toJSON() });
        sink = s;
        return {
          send: (bytes) => sent.push(new TextDecoder().decode(bytes)),
          close: () => void closes++,
        };
      };
      const { manager, output, advance } = testManager({ connections: opener });
      await manager.install("conn", example());
      expect(output("conn")).toBe("[conn] connected\n");
      expect(requests).toEqual([{ app: "conn", kind: "TCP", args: { address: "127.0.0.1", port: 7777 } }]);
      await advance(2000);
      expect(sent).toEqual(["ping 1", "ping 2"]);
      sink!.data(new TextEncoder().encode("pong"));
      await manager.settle();
      expect(output("conn")).toBe("[conn] got 4 bytes: pong\n");
      expect((await manager.request({ url: "/close", action: "DELETE" })).status).toBe(Status.DELETED);
      expect(closes).toBe(1);
      await advance(2000);
      expect(sent).toHaveLength(2);

      await manager.uninstall("conn");
      await manager.install("conn", example());
      sink!.closed();
      await manager.settle();
      expect(output("conn")).toBe("[conn] connected\n[conn] closed by the server\n");
      await manager.install("conn2", example());
      await manager.uninstall("conn2");
      expect(closes).toBe(2); // conn2's, at uninstall (conn's was closed by its peer)
    });

    it("can be real TCP sockets, to the places the embedder allows", async () => {
      const server = createServer((socket) => socket.on("data", (data) => socket.write(`echo ${data}`)));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const port = (server.address() as { port: number }).port;
      const opener = (request: ConnectionRequest, sink: ConnectionSink): AppConnection | undefined => {
        // The app asks for 127.0.0.1:7777; this embedder allows only that, and maps it.
        if (
          request.kind !== "TCP" ||
          request.args.get("address") !== "127.0.0.1" ||
          request.args.get("port") !== 7777
        )
          return undefined;
        const socket = netConnect(port, "127.0.0.1");
        socket.on("data", (data) => sink.data(new Uint8Array(data)));
        socket.on("close", () => sink.closed());
        return {
          send: (bytes) => {
            socket.write(bytes);
            return bytes.length;
          },
          close: () => socket.destroy(),
        };
      };
      const { manager, output, advance } = testManager({ connections: opener });
      try {
        await manager.install("conn", example());
        await advance(1000); // the app's first ping
        let printed = "";
        for (let i = 0; i < 200 && !printed.includes("echo ping 1"); i++) {
          await new Promise((resolve) => setTimeout(resolve, 10));
          await manager.settle();
          printed += output("conn");
        }
        expect(printed).toBe("[conn] connected\n[conn] got 11 bytes: echo ping 1\n");
      } finally {
        await manager.close();
        server.close();
      }
    });
  });
});
