import { defineConfig } from "vitest/config";

// One vitest run for the whole repo: workspace packages resolve to their TypeScript sources
// through the "source" export condition, so tests never need a prior build.
const conditions = ["source", "import", "default"];
export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: [
      "packages/*/test/**/*.test.ts",
      "apps/*/test/**/*.test.ts",
      "test/*/test/**/*.test.ts",
      "tooling/*/test/**/*.test.ts",
    ],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "threads",
  },
});
