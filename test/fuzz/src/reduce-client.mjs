// The command wasm-reduce runs on each candidate: `node reduce-client.mjs SOCKET FILE` asks the
// minimiser's server (minimise.ts) whether FILE still shows the difference and prints its one-line
// verdict. Plain JavaScript with no imports beyond Node's, so each of hundreds of runs starts fast.
import { connect } from "node:net";

const [socketPath, file] = process.argv.slice(2);
const socket = connect(socketPath, () => socket.end(file));
let reply = "";
socket.setEncoding("utf8");
socket.on("data", (chunk) => {
  reply += chunk;
});
socket.on("end", () => process.stdout.write(`${reply}\n`));
socket.on("error", (e) => process.stdout.write(`client error ${e.code}\n`));
