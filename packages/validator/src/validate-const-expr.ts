import { type Code, CompileError, isRefType, PREFIX_FD_BASE, ValType, valTypeName } from "@microwasm/core";
import { fail, failUnknown, Invalid } from "./invalid.js";
import type { ModuleContext } from "./module-context.js";

const END = 0x0b;
const GLOBAL_GET = 0x23;
const I32_CONST = 0x41;
const I64_CONST = 0x42;
const F32_CONST = 0x43;
const F64_CONST = 0x44;
const REF_NULL = 0xd0;
const REF_FUNC = 0xd2;
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_MUL = 0x6c;
const I64_ADD = 0x7c;
const I64_SUB = 0x7d;
const I64_MUL = 0x7e;
const V128_CONST = PREFIX_FD_BASE + 12;

/**
 * Validates a constant expression (global initializer, segment offset or element) that must
 * produce exactly one value of type `expected`.
 *
 * WebAssembly 2.0 rules: only `t.const`, `ref.null`, `ref.func` and `global.get` of an
 * *imported immutable* global are constant; a `global.get` past the imported globals is an
 * "unknown global" (the context for constant expressions holds the imported globals only),
 * one of a mutable import is "constant expression required". A `ref.func x` here declares `x`
 * for `ref.func` in function bodies, so it is recorded in `ctx.declaredFunc`.
 *
 * With extended constant expressions (3.0), `i32`/`i64` `add`, `sub` and `mul` are constant
 * too; with `constModuleGlobals` (3.0), `global.get` may read any immutable global below
 * `globalLimit` (a global's initializer sees the globals before it, a segment all of them).
 *
 * Throws `CompileError` (kind "invalid") at the offending instruction's offset.
 *
 * Reads only `code.ops`, walking it instruction by instruction (the constant instructions'
 * immediates have fixed sizes): a module can have a hundred thousand of these expressions, and
 * the parser makes each of a `Code`'s arrays on first access.
 */
export function validateConstExpr(
  ctx: ModuleContext,
  code: Code,
  expected: number,
  globalLimit: number = ctx.globalCount,
): void {
  const ops = code.ops;
  const count = code.count;
  const extended = ctx.features.extendedConst;
  const readable = ctx.features.constModuleGlobals ? globalLimit : ctx.importedGlobalCount;
  let n = 0;
  // Constant expressions are tiny: the types below the top, the top and the depth.
  const below: number[] = [];
  let depth = 0;
  let top = 0;
  try {
    for (let pc = 0; n < count; n++) {
      const op = ops[pc]!;
      const previous = top;
      switch (op) {
        case I32_CONST:
          top = ValType.i32;
          pc += 2;
          break;
        case I64_CONST:
          top = ValType.i64;
          pc += 3;
          break;
        case F32_CONST:
          top = ValType.f32;
          pc += 2;
          break;
        case F64_CONST:
          top = ValType.f64;
          pc += 3;
          break;
        case V128_CONST:
          if (!ctx.features.simd) fail("constant expression required");
          top = ValType.v128;
          pc += 5;
          break;
        case REF_NULL: {
          if (!ctx.features.referenceTypes) fail("constant expression required");
          const type = ops[pc + 1]!;
          if (!isRefType(type)) fail("malformed reference type");
          top = type;
          pc += 2;
          break;
        }
        case REF_FUNC: {
          // No feature check: the parser represents MVP function-index element vectors as ref.func.
          const index = ops[pc + 1]! >>> 0;
          if (index >= ctx.funcCount) failUnknown("function", index);
          ctx.declaredFunc[index] = 1;
          top = ValType.funcref;
          pc += 2;
          break;
        }
        case GLOBAL_GET: {
          const index = ops[pc + 1]! >>> 0;
          if (index >= readable) failUnknown("global", index);
          if (ctx.globalMutable[index] === 1) fail("constant expression required");
          top = ctx.globalType[index]!;
          pc += 2;
          break;
        }
        case END:
          if (n !== count - 1) fail("constant expression required");
          if (depth !== 1 || top !== expected) {
            const has = depth === 1 ? valTypeName(top) : `${depth} values`;
            fail(
              "type mismatch",
              `constant expression must produce ${valTypeName(expected)} but produces ${has}`,
            );
          }
          return;
        case I32_ADD:
        case I32_SUB:
        case I32_MUL:
        case I64_ADD:
        case I64_SUB:
        case I64_MUL: {
          if (!extended) fail("constant expression required");
          const type = op < I64_ADD ? ValType.i32 : ValType.i64;
          if (depth < 2 || top !== type || below[below.length - 1] !== type) {
            fail("type mismatch", `${valTypeName(type)} arithmetic needs two ${valTypeName(type)} operands`);
          }
          // [..., a, b] becomes [..., a op b]: the top keeps its type
          below.pop();
          depth--;
          pc += 1;
          continue;
        }
        default:
          fail("constant expression required");
      }
      if (depth > 0) below.push(previous);
      depth++;
    }
    fail("constant expression required", "missing end");
  } catch (e) {
    if (!(e instanceof Invalid)) throw e;
    const offset = code.offsets[Math.min(n, count - 1)];
    throw new CompileError(e.reason, "invalid", offset, e.detail);
  }
}
