// biome-ignore-all lint/correctness/noUnusedVariables: the Chromium test calls these through page.evaluate
// The browser side of chromium.test.ts, loaded into the test page: workers started from here.

/** What `typeof WebAssembly` is inside a fresh worker. */
function workerWebAssemblyType() {
  return new Promise((resolve) => {
    const worker = new Worker(URL.createObjectURL(new Blob(["postMessage(typeof WebAssembly)"])));
    worker.onmessage = (event) => {
      worker.terminate();
      resolve(event.data);
    };
  });
}

/** Runs engine-checks.js in a worker that loaded microwasm.js with importScripts. */
function checksInWorker(fixtures) {
  return new Promise((resolve, reject) => {
    const origin = location.origin;
    const source = `importScripts("${origin}/dist/microwasm.js", "${origin}/test/engine-checks.js");
      onmessage = (event) => microwasmChecks(event.data, (results) => postMessage(results));`;
    const worker = new Worker(URL.createObjectURL(new Blob([source])));
    worker.onerror = (event) => reject(new Error(event.message));
    worker.onmessage = (event) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.postMessage(fixtures);
  });
}

/**
 * Runs one command through microwasm-worker.js: resolves with the message types in order (exit
 * and error messages whole) and the decoded output. `stopOnOutput`: post terminate on output.
 */
function runInWorker(message, stopOnOutput) {
  return new Promise((resolve) => {
    const worker = new Worker("/dist/microwasm-worker.js");
    const events = [];
    const text = { stdout: "", stderr: "" };
    const decoder = new TextDecoder();
    worker.onmessage = ({ data }) => {
      if (data.type === "stdout" || data.type === "stderr") {
        text[data.type] += decoder.decode(data.data);
        events.push(data.type);
        if (stopOnOutput) worker.postMessage({ type: "terminate" });
        return;
      }
      events.push(data);
      if (data.type === "exit" || data.type === "error") {
        worker.terminate();
        resolve({ events, stdout: text.stdout, stderr: text.stderr });
      }
    };
    const wasm = new Uint8Array(message.wasm).buffer;
    worker.postMessage({ ...message, wasm }, [wasm]);
  });
}
