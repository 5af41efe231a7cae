import fs from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";

// Every test file gets its own copy of the migrated template, before any module opens the database.
const dir = path.join(process.cwd(), ".tmp", "vitest");
const file = path.join(dir, `test-${process.env.VITEST_POOL_ID ?? "0"}-${process.pid}-${Date.now()}.db`);
fs.copyFileSync(path.join(dir, "template.db"), file);
process.env.DATABASE_URL = `file:${file}`;

// Each test file is an entry point, as the server is (lib/boot.ts): imported only now, after DATABASE_URL is set.
const { installEffects } = await import("@/lib/engine/apply-effects");
installEffects();

afterAll(async () => {
  const { disconnectDb } = await import("@/lib/db/client");
  await disconnectDb();
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
});
