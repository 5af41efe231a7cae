import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "@/lib/db/migrate";
import { applyPostgresMigrations } from "@/lib/db/migrate-postgres";
import { databaseUrlFor, dropDatabase, onServer } from "./postgres";

/** Migrates one template database per run; each worker copies it (epic-stack's pattern): no mocks, no per-test migrations. */
export const templateDb = path.join(process.cwd(), ".tmp", "vitest", "template.db");

declare module "vitest" {
  export interface ProvidedContext {
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  if (project.config.env?.SWITCHBOARD_TEST_DIALECT === "postgres") return setupPostgres(project);
  fs.rmSync(path.dirname(templateDb), { recursive: true, force: true });
  applyMigrations(templateDb);
  // Fold the WAL into the main file so a plain copy carries the whole schema.
  const db = new Database(templateDb);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
}

/** PostgreSQL: the template is a database of this run's own (named after the process), dropped at the end. */
async function setupPostgres(project: TestProject) {
  const template = `switchboard_test_${process.pid}_${Date.now().toString(36)}`;
  await onServer(`CREATE DATABASE "${template}"`);
  try {
    await applyPostgresMigrations(databaseUrlFor(template));
  } catch (error) {
    await dropDatabase(template);
    throw error;
  }
  project.provide("postgresTemplate", template);
  return () => dropDatabase(template);
}
