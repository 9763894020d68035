(() => {
  const $ = (id) => document.getElementById(id);
  const output = $("output");
  const status = $("status");
  const decoder = new TextDecoder();
  let worker = null;

  $("engine").textContent =
    typeof WebAssembly === "undefined"
      ? "This page's engine has no WebAssembly: the worker runs modules on microwasm (as JavaScript it generates where the page allows that, else in its interpreter)."
      : "This page's engine has WebAssembly; the worker runs modules on microwasm all the same (as JavaScript it generates where the page allows that, else in its interpreter).";

  function append(text, className) {
    const span = document.createElement("span");
    if (className) span.className = className;
    span.textContent = text;
    output.append(span);
  }

  function finish(text) {
    status.textContent = text;
    $("run").disabled = false;
    $("stop").disabled = true;
  }

  async function loadWasm() {
    const example = $("example").value;
    if (example !== "file") {
      const response = await fetch(`../dist/examples/${example}.wasm`);
      if (!response.ok) throw new Error(`${example}.wasm: ${response.status} ${response.statusText}`);
      return { name: `${example}.wasm`, wasm: await response.arrayBuffer() };
    }
    const file = $("file").files[0];
    if (!file) throw new Error("choose a .wasm file first");
    return { name: file.name, wasm: await file.arrayBuffer() };
  }

  $("run").addEventListener("click", async () => {
    output.textContent = "";
    status.textContent = "Loading…";
    $("run").disabled = true;
    let program;
    try {
      program = await loadWasm();
    } catch (error) {
      finish(`Could not load: ${error.message}`);
      return;
    }
    worker ??= new Worker("../dist/microwasm-worker.js");
    worker.onmessage = ({ data }) => {
      if (data.type === "stdout") append(decoder.decode(data.data, { stream: true }));
      else if (data.type === "stderr") append(decoder.decode(data.data), "stderr");
      else if (data.type === "exit") finish(`Exited with code ${data.code}.`);
      else if (data.type === "error") finish(`Stopped: ${data.message}`);
    };
    const extra = $("args").value.trim();
    const args = [program.name, ...(extra === "" ? [] : extra.split(/\s+/))];
    status.textContent = `Running ${args.join(" ")} …`;
    $("stop").disabled = false;
    worker.postMessage({ type: "run", wasm: program.wasm, args, env: {}, files: {} }, [program.wasm]);
  });

  $("stop").addEventListener("click", () => worker?.postMessage({ type: "terminate" }));
  $("example").addEventListener("change", () => {
    if ($("example").value === "file") $("file").click();
  });
})();
