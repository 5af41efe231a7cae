import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.dirname(fileURLToPath(import.meta.url)) } },
  test: {
    globalSetup: ["lib/testing/global-setup.ts"],
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: "engine",
          include: ["lib/**/*.test.ts"],
          setupFiles: ["lib/testing/worker-setup.ts"],
          env: { LOG_LEVEL: "silent" },
        },
      },
      {
        // The same engine tests with the SQLite fast path (ADR 003) switched off: every assignment on the general
        // Prisma path, the one PostgreSQL runs. (The fast path's own comparison test is meaningless there.)
        extends: true,
        test: {
          name: "general-path",
          include: ["lib/**/*.test.ts"],
          exclude: ["lib/routing/sqlite-fast-path.test.ts", "lib/routing/decide-assignment.test.ts"],
          setupFiles: ["lib/testing/worker-setup.ts"],
          env: { LOG_LEVEL: "silent", SWITCHBOARD_SQLITE_FAST_PATH: "off" },
        },
      },
    ],
  },
});
