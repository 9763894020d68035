/* A minimal command-line front end for the QuickJS engine (whose sources come from npm's
 * qjsc package): runs a script file, or the expression after -e, with print() and
 * console.log(); an uncaught exception is printed with its stack and exits with 1. QuickJS's
 * own qjs needs quickjs-libc, which wants POSIX process and terminal APIs WASI does not have. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quickjs.h"

static JSValue print(JSContext *ctx, JSValueConst this_value, int argc, JSValueConst *argv) {
  (void)this_value;
  for (int i = 0; i < argc; i++) {
    const char *text = JS_ToCString(ctx, argv[i]);
    if (!text) return JS_EXCEPTION;
    if (i > 0) putchar(' ');
    fputs(text, stdout);
    JS_FreeCString(ctx, text);
  }
  putchar('\n');
  return JS_UNDEFINED;
}

static char *read_file(const char *path, size_t *length) {
  FILE *file = fopen(path, "rb");
  if (!file) return NULL;
  size_t capacity = 4096, used = 0;
  char *buffer = malloc(capacity + 1);
  size_t n;
  while ((n = fread(buffer + used, 1, capacity - used, file)) > 0) {
    used += n;
    if (used == capacity) buffer = realloc(buffer, (capacity *= 2) + 1);
  }
  fclose(file);
  buffer[used] = 0;
  *length = used;
  return buffer;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s FILE | -e EXPRESSION [ARGS...]\n", argv[0]);
    return 2;
  }
  JSRuntime *runtime = JS_NewRuntime();
  JSContext *ctx = JS_NewContext(runtime);
  JSValue global = JS_GetGlobalObject(ctx);
  JS_SetPropertyStr(ctx, global, "print", JS_NewCFunction(ctx, print, "print", 1));
  JSValue console = JS_NewObject(ctx);
  JS_SetPropertyStr(ctx, console, "log", JS_NewCFunction(ctx, print, "log", 1));
  JS_SetPropertyStr(ctx, global, "console", console);
  int first_arg = strcmp(argv[1], "-e") == 0 ? 3 : 2;
  JSValue args = JS_NewArray(ctx);
  for (int i = first_arg; i < argc; i++) JS_SetPropertyUint32(ctx, args, i - first_arg, JS_NewString(ctx, argv[i]));
  JS_SetPropertyStr(ctx, global, "scriptArgs", args);
  JS_FreeValue(ctx, global);

  const char *name;
  char *source;
  size_t length;
  if (first_arg == 3) {
    if (argc < 3) return 2;
    name = "<cmdline>";
    source = strdup(argv[2]);
    length = strlen(source);
  } else {
    name = argv[1];
    source = read_file(name, &length);
    if (!source) {
      perror(name);
      return 1;
    }
  }
  JSValue result = JS_Eval(ctx, source, length, name, JS_EVAL_TYPE_GLOBAL);
  free(source);
  int status = 0;
  if (JS_IsException(result)) {
    JSValue error = JS_GetException(ctx);
    const char *text = JS_ToCString(ctx, error);
    fprintf(stderr, "%s\n", text ? text : "exception");
    JS_FreeCString(ctx, text);
    if (JS_IsError(ctx, error)) {
      JSValue stack = JS_GetPropertyStr(ctx, error, "stack");
      const char *trace = JS_ToCString(ctx, stack);
      if (trace) fputs(trace, stderr);
      JS_FreeCString(ctx, trace);
      JS_FreeValue(ctx, stack);
    }
    JS_FreeValue(ctx, error);
    status = 1;
  }
  JS_FreeValue(ctx, result);
  JS_FreeContext(ctx);
  JS_FreeRuntime(runtime);
  return status;
}
