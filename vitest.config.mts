import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.dirname(fileURLToPath(import.meta.url)) } },
  test: {
    include: ["lib/**/*.test.ts"],
    globalSetup: ["lib/testing/global-setup.ts"],
    setupFiles: ["lib/testing/worker-setup.ts"],
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 30_000,
    env: { LOG_LEVEL: "silent" },
    projects: [
      { extends: true, test: { name: "engine" } },
      {
        // The same engine tests with the synchronous SQLite path (ADR 013) switched off: every assignment through
        // Prisma, as PostgreSQL runs it. (The appliers' comparison test, the pure core and the database-URL checks
        // add nothing here.)
        extends: true,
        test: {
          name: "general-path",
          exclude: [
            "lib/routing/apply-plan.test.ts",
            "lib/routing/decide-assignment.test.ts",
            "lib/db/dialect.test.ts",
          ],
          env: { SWITCHBOARD_SQLITE_FAST_PATH: "off" },
        },
      },
      {
        // The same engine tests as general-path, on PostgreSQL: a fresh database per test file, copied from a
        // template migrated once per run (lib/testing/postgres.ts). Needs a server: scripts/ensure-postgres.sh.
        // The appliers' comparison test runs here too: the Prisma applier on PostgreSQL writes what the plan says.
        extends: true,
        test: {
          name: "postgres",
          exclude: ["lib/routing/decide-assignment.test.ts", "lib/db/dialect.test.ts"],
          env: { SWITCHBOARD_TEST_DIALECT: "postgres" },
          // Every Prisma transaction is several round trips to a server here: the racing tests take about 3× as long
          // as on SQLite (11 s against 4 s alone, twice that on a loaded machine).
          testTimeout: 60_000,
        },
      },
    ],
  },
});
