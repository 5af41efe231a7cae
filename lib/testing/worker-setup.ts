import fs from "node:fs";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { copyTemplate, databaseUrlFor, dropDatabase } from "./postgres";

// Every test file gets its own copy of the migrated template, before any module opens the database.
const onPostgres = process.env.SWITCHBOARD_TEST_DIALECT === "postgres";
const dir = path.join(process.cwd(), ".tmp", "vitest");
const name = `test-${process.env.VITEST_POOL_ID ?? "0"}-${process.pid}-${Date.now()}`;
const file = path.join(dir, `${name}.db`);
const template = onPostgres ? inject("postgresTemplate") : "";
const postgresName = `${template}_${name.slice("test-".length).replaceAll("-", "_")}`;
if (onPostgres) {
  await copyTemplate(template, postgresName);
  process.env.DATABASE_URL = databaseUrlFor(postgresName);
} else {
  fs.copyFileSync(path.join(dir, "template.db"), file);
  process.env.DATABASE_URL = `file:${file}`;
}

// Each test file is an entry point, as the server is (lib/boot.ts): imported only now, after DATABASE_URL is set.
const { installEffects } = await import("@/lib/engine/apply-effects");
installEffects();

afterAll(async () => {
  const { disconnectDb } = await import("@/lib/db/client");
  await disconnectDb();
  if (onPostgres) await dropDatabase(postgresName);
  else for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
});
