// biome-ignore-all lint/complexity/useArrowFunction: ES5 on purpose, so every engine runs it as is
// The checks every engine runs (Chromium's page and worker, QuickJS, Hermes), after microwasm.js
// (or microwasm.es5.js) has run. Plain ES5 with no engine API: Hermes 0.12 and QuickJS run it
// as is. `microwasmChecks(fixtures, done, engine)` calls `done(results)` once the async check
// settles; the results are JSON (i64 values as strings) and the vitest side asserts on them.
// Without `engine`, the checks use the installed `WebAssembly` ("auto": the AOT tier where the
// engine lets code be generated from strings); with it, a namespace of that tier.
// biome-ignore lint/correctness/noUnusedVariables: called by the harness after this script is evaluated
function microwasmChecks(fixtures, done, engine) {
  var W = engine ? globalThis.microwasm.createWebAssembly({ engine: engine }) : globalThis.WebAssembly;
  var results = {
    webAssemblyType: typeof globalThis.WebAssembly,
    installed: globalThis.WebAssembly === globalThis.microwasm.WebAssembly,
    codeGeneration: (function () {
      try {
        return new Function("return 1")() === 1;
      } catch (_e) {
        return false;
      }
    })(),
  };
  function attempt(name, body) {
    try {
      results[name] = body();
    } catch (e) {
      results[name] = { threw: String(e) };
    }
  }
  function instance(bytes, imports) {
    return new W.Instance(new W.Module(new Uint8Array(bytes)), imports);
  }
  function caught(body) {
    try {
      body();
      return { threw: false };
    } catch (e) {
      return {
        runtimeError: e instanceof W.RuntimeError,
        compileError: e instanceof W.CompileError,
        linkError: e instanceof W.LinkError,
        error: e instanceof Error,
        name: e.name,
        message: e.message,
      };
    }
  }

  attempt("numbers", function () {
    var exports = instance(fixtures.arith).exports;
    var product = exports.mul64(BigInt("1099511627776"), BigInt(3));
    return {
      add: exports.add(40, 2),
      wrap: exports.add(2147483647, 1),
      hyp: exports.hyp(3, 4),
      mul64: String(product),
      mul64Type: typeof product,
    };
  });
  attempt("imports", function () {
    var memory = new W.Memory({ initial: 1 });
    var seen = "";
    var exports = instance(fixtures.imports, {
      env: {
        mem: memory,
        report: function (at, length) {
          var bytes = new Uint8Array(memory.buffer, at, length);
          for (var i = 0; i < bytes.length; i++) seen += String.fromCharCode(bytes[i]);
        },
      },
    }).exports;
    exports.fill(5);
    return { seen: seen, pages: memory.buffer.byteLength / 65536 };
  });
  attempt("traps", function () {
    var exports = instance(fixtures.trap).exports;
    return {
      divide: caught(function () {
        exports.div(1, 0);
      }),
      unreachable: caught(function () {
        exports.boom();
      }),
      fromJs: new W.RuntimeError("made in JS") instanceof W.RuntimeError,
    };
  });
  attempt("compileError", function () {
    return {
      validate: W.validate(new Uint8Array(fixtures.malformed)),
      thrown: caught(function () {
        new W.Module(new Uint8Array(fixtures.malformed));
      }),
      link: caught(function () {
        instance(fixtures.imports, { env: {} });
      }),
    };
  });
  attempt("wasi", function () {
    if (fixtures.files === null) return null;
    var m = globalThis.microwasm;
    var fs = new m.MemoryFileSystem();
    fs.mkdirp("data");
    fs.writeFile("data/in.txt", "hello wasm\n");
    var stdout = new m.CollectedOutput();
    var stderr = new m.CollectedOutput();
    var wasi = new m.WASI({
      version: "preview1",
      args: ["files.wasm", "first"],
      env: { GREETING: "hi" },
      preopens: { "/": fs },
      stdout: stdout,
      stderr: stderr,
    });
    var exitCode = wasi.start(instance(fixtures.files, wasi.getImportObject()));
    var written = fs.readFile("data/out.txt");
    var text = "";
    for (var i = 0; i < written.length; i++) text += String.fromCharCode(written[i]);
    return { exitCode: exitCode, stdout: stdout.text(), stderr: stderr.text(), written: text };
  });

  W.instantiate(new Uint8Array(fixtures.arith)).then(
    function (source) {
      results.instantiate = source.instance.exports.add(1, 2);
      done(results);
    },
    function (e) {
      results.instantiate = { threw: String(e) };
      done(results);
    },
  );
}
