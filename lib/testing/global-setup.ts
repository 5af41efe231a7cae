import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { applyMigrations } from "@/lib/db/migrate";

/** Migrates one template database per run; each worker copies it (epic-stack's pattern): no mocks, no per-test migrations. */
export const templateDb = path.join(process.cwd(), ".tmp", "vitest", "template.db");

export default function setup() {
  fs.rmSync(path.dirname(templateDb), { recursive: true, force: true });
  applyMigrations(templateDb);
  // Fold the WAL into the main file so a plain copy carries the whole schema.
  const db = new Database(templateDb);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
}
