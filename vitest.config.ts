import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each test file gets its own SQLite file; files run in parallel forks.
    pool: "forks",
    // TEST_DB=postgres: the same suite on a throwaway PostgreSQL cluster, one database per test file.
    globalSetup: ["test/pg-global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: "test", LOG_LEVEL: "silent" },
  },
});
