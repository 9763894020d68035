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

/**
 * Threads across Web Workers: the page makes a shared memory with microwasm's WebAssembly and
 * posts its buffer to a worker, which rebuilds the memory (`Memory.fromSharedBuffer`) and blocks
 * in `memory.atomic.wait32` on address 0; the page writes 42 at address 4 and wakes it with
 * `memory.atomic.notify` from its own instance of the module. Resolves with what the worker saw.
 */
function sharedMemoryWait(moduleBytes) {
  return new Promise((resolve, reject) => {
    const bytes = new Uint8Array(moduleBytes);
    const descriptor = { initial: 1, maximum: 1, shared: true };
    const memory = new microwasm.WebAssembly.Memory(descriptor);
    const module = new microwasm.WebAssembly.Module(bytes);
    const mine = new microwasm.WebAssembly.Instance(module, { env: { memory } }).exports;
    const origin = location.origin;
    const source = `importScripts("${origin}/dist/microwasm.js");
      onmessage = (event) => {
        const { bytes, buffer, descriptor } = event.data;
        const W = microwasm.WebAssembly;
        const memory = W.Memory.fromSharedBuffer(buffer, descriptor);
        const exports = new W.Instance(new W.Module(bytes), { env: { memory } }).exports;
        postMessage({ waiting: true });
        const woke = exports.wait();
        postMessage({ woke, value: new Int32Array(buffer)[1], shared: buffer instanceof SharedArrayBuffer });
      };`;
    const worker = new Worker(URL.createObjectURL(new Blob([source])));
    worker.onerror = (event) => reject(new Error(event.message));
    let notified = -1;
    worker.onmessage = (event) => {
      if (event.data.waiting) {
        new Int32Array(memory.buffer)[1] = 42;
        // The worker may not be inside wait yet: notify until it has been woken.
        const poke = () => {
          notified = mine.notify();
          if (notified === 0) setTimeout(poke, 20);
        };
        setTimeout(poke, 100);
        return;
      }
      worker.terminate();
      resolve({ ...event.data, notified, isolated: self.crossOriginIsolated === true });
    };
    worker.postMessage({ bytes, buffer: memory.buffer, descriptor });
  });
}
