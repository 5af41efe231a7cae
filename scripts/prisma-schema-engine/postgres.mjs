// The PostgreSQL side of the bridge: the same WebAssembly engine, driven through @prisma/adapter-pg, with the four
// repairs the adapter needs to serve the schema engine (docs/decisions/010-postgresql-path.md; each was seen failing).
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

export const isPostgresUrl = (url) => /^postgres(ql)?:\/\//i.test(url ?? "");

/**
 * Repair 1: the adapter's shadow-database pool spreads `{...config, database}`, and a `connectionString` beats
 * `database` — the "shadow" would be the main database. So the bridge never hands it a connection string: host,
 * port, user, password and database go as separate fields.
 */
export function pgConfig(url, database) {
  const parsed = new URL(url);
  return {
    host: decodeURIComponent(parsed.hostname) || "127.0.0.1",
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: database ?? decodeURIComponent(parsed.pathname.slice(1)) ?? "postgres",
  };
}

export const databaseName = (url) => pgConfig(url).database;

/**
 * Repair 3: the engine reads PostgreSQL's internal `"char"` type (OID 18) from the catalogs, which the adapter
 * refuses ("Column type 'char' could not be deserialized"). pg already returns it as a string: report it as text.
 */
let patched = false;
function readCharAsText(adapter) {
  if (patched) return;
  let proto = Object.getPrototypeOf(adapter);
  while (proto && !Object.hasOwn(proto, "performIO")) proto = Object.getPrototypeOf(proto);
  if (!proto) throw new Error("@prisma/adapter-pg changed: no performIO to repair");
  const performIO = proto.performIO;
  proto.performIO = async function (...args) {
    const result = await performIO.apply(this, args);
    for (const field of result?.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
    return result;
  };
  patched = true;
}

/**
 * Repair 4: the adapter's executeScript splits the script on every ";", which cuts a PL/pgSQL function body
 * (`$$ ... ; ... $$`) apart. Send the script whole: pg runs a parameterless query with the simple protocol, which
 * takes several statements.
 */
function runScriptsWhole(adapter) {
  adapter.executeScript = async function (script) {
    try {
      await this.client.query(script);
    } catch (error) {
      this.onError(error);
    }
  };
  return adapter;
}

/** Runs `sql` on the server's maintenance database (CREATE/DROP DATABASE cannot run inside the target). */
async function onMaintenanceDb(url, sql) {
  const client = new pg.Client(pgConfig(url, "postgres"));
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

const quote = (name) => `"${name.replaceAll('"', '""')}"`;

export async function createPostgresDatabase(url) {
  const name = databaseName(url);
  const { rowCount } = await onMaintenanceDb(url, {
    text: "SELECT 1 FROM pg_database WHERE datname = $1",
    values: [name],
  });
  if (!rowCount) await onMaintenanceDb(url, `CREATE DATABASE ${quote(name)}`);
  return name;
}

export async function dropPostgresDatabase(url) {
  await onMaintenanceDb(url, `DROP DATABASE IF EXISTS ${quote(databaseName(url))} WITH (FORCE)`);
}

export async function canConnect(url) {
  const client = new pg.Client(pgConfig(url));
  await client.connect();
  await client.end();
}

/** The adapter factory the engine gets: main connection, and a shadow database the bridge creates and drops itself. */
export function postgresFactory(datasource) {
  const inner = new PrismaPg(pgConfig(datasource.url));
  const connect = async () => {
    const adapter = await inner.connect();
    readCharAsText(adapter);
    return runScriptsWhole(adapter);
  };
  const connectToShadowDb = async () => {
    if (datasource.shadowDatabaseUrl) {
      const given = await new PrismaPg(pgConfig(datasource.shadowDatabaseUrl)).connect();
      readCharAsText(given);
      return runScriptsWhole(given);
    }
    const shadowUrl = new URL(datasource.url);
    shadowUrl.pathname = `/prisma_migrate_shadow_db_${randomUUID().replaceAll("-", "_")}`;
    await createPostgresDatabase(shadowUrl.href);
    const adapter = await new PrismaPg(pgConfig(shadowUrl.href)).connect();
    readCharAsText(adapter);
    runScriptsWhole(adapter);
    const dispose = adapter.dispose.bind(adapter);
    // Repair 2: the adapter dropped the shadow database before closing its pool ("is being accessed by other
    // users") and left it behind. Close the pool first, then drop it, forcing out anything left.
    adapter.dispose = async () => {
      await dispose();
      await dropPostgresDatabase(shadowUrl.href);
    };
    return adapter;
  };
  return { inner, connect, connectToShadowDb };
}

// Prisma's PostgreSQL migrations table: one file, shared with the runtime migrator (lib/db/migrate-postgres.ts).
export const PG_MIGRATIONS_TABLE_SQL = readFileSync(
  fileURLToPath(new URL("../../prisma/postgres/migrations-table.sql", import.meta.url)),
  "utf8",
);

/** User objects of the public schema (what `applyMigrations` on a database with no history must refuse). */
export const PG_USER_OBJECTS_SQL = `SELECT 'table' AS type, tablename AS name FROM pg_tables WHERE schemaname = 'public'
  UNION ALL SELECT 'view', viewname FROM pg_views WHERE schemaname = 'public'`;

/** `migrate reset` leaves an empty database: drop the public schema with everything in it. */
export const PG_RESET_SQL = "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;";
