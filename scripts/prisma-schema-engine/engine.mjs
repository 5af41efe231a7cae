// The WebAssembly schema engine from npm, driven by better-sqlite3, with the
// workarounds that make it behave like the native `schema-engine` binary for
// the Prisma CLI. See docs/decisions/002-offline-prisma-cli.md.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import {
  isPostgresUrl,
  PG_MIGRATIONS_TABLE_SQL,
  PG_RESET_SQL,
  PG_USER_OBJECTS_SQL,
  postgresFactory,
} from "./postgres.mjs";

const require = createRequire(import.meta.url);
const wasmEntry = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
const wasmDir = path.dirname(wasmEntry);

/** The engine hash of the wasm package ("7.10.0-4.<hash>"): what `--version` reports. */
export function wasmEngineHash() {
  const { version } = JSON.parse(fs.readFileSync(path.join(wasmDir, "package.json"), "utf8"));
  return version.split(".").pop();
}

/** An error the CLI shows as a user-facing `Pxxxx` error rather than an engine crash. */
export class UserFacingError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** Turns a `file:` URL (or a bare path) into the filesystem path, resolved from the cwd like the native engine. */
export function sqlitePath(url) {
  if (!url.startsWith("file:")) {
    throw new UserFacingError(
      "P1013",
      `The offline schema-engine bridge only supports SQLite (file:) URLs, got "${url.split(":")[0]}:".`,
    );
  }
  const file = url.slice("file:".length).replace(/\?.*$/, "");
  return file === ":memory:" ? file : path.resolve(file);
}

// Prisma's SQLite migrations table, exactly as the engine creates it.
const MIGRATIONS_TABLE_SQL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);`;

// The engine methods that write to `_prisma_migrations`.
const RECORDS_HISTORY = new Set(["applyMigrations", "markMigrationApplied", "markMigrationRolledBack"]);

// better-sqlite3 (and pg's extended protocol) prepare exactly one statement; these are their complaints otherwise.
const NOT_ONE_STATEMENT =
  /contains more than one statement|contains no statements|cannot insert multiple commands into a prepared statement/;

/**
 * Quirk (a): the wasm engine replays migration files into the shadow database
 * with `executeRaw`, which better-sqlite3 rejects for multi-statement or
 * comment-only SQL. Run such parameterless SQL as a script instead.
 */
function withScriptFallback(connection) {
  const executeRaw = connection.executeRaw.bind(connection);
  connection.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (query.args.length > 0 || !NOT_ONE_STATEMENT.test(String(error?.message))) throw error;
      await connection.executeScript(query.sql);
      return 0;
    }
  };
  return connection;
}

/**
 * The engine connects when it is created, but many commands (`migrate diff
 * --from-empty`, `--version` checks) never touch the database. Open the file
 * on first use, so those neither create it nor fail when it is missing.
 */
function lazyConnection(factory, open) {
  let opening;
  const real = () => (opening ??= open().then(withScriptFallback));
  const forward =
    (method) =>
    async (...args) =>
      (await real())[method](...args);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    queryRaw: forward("queryRaw"),
    executeRaw: forward("executeRaw"),
    executeScript: forward("executeScript"),
    startTransaction: forward("startTransaction"),
    dispose: async () => (opening ? (await opening).dispose() : undefined),
  };
}

// A Rust panic in the engine reports its message here, then traps with a bare
// "RuntimeError: unreachable"; the message is what the CLI should show.
let panicMessage;
globalThis.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (message) => (panicMessage = message) };

/** An engine panic, reported to the CLI as the native binary reports one (`is_panic`). */
export class EnginePanic extends Error {}

async function loadWasmModule() {
  // The package imports its .wasm as an ES module, which Node 20 cannot do
  // without a flag: instantiate it by hand, as wasm-bindgen's glue expects.
  const bg = await import(pathToFileURL(wasmEntry).href);
  const bytes = fs.readFileSync(path.join(wasmDir, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return bg;
}

async function loadAdapterBinder() {
  // The binder wraps adapter calls into the Result objects the engine expects.
  // It is the adapter's own dependency, so resolve it from there (not hoisting-dependent).
  const fromAdapter = createRequire(require.resolve("@prisma/adapter-better-sqlite3"));
  const { bindMigrationAwareSqlAdapterFactory } = await import(
    pathToFileURL(fromAdapter.resolve("@prisma/driver-adapter-utils")).href
  );
  return bindMigrationAwareSqlAdapterFactory;
}

/**
 * One engine per process, like the native binary: created from the
 * `--datamodels` files and the `--datasource` of the command line.
 */
export class WasmSchemaEngine {
  /** @param {{ datamodels?: [string, string][], datasource?: { url: string, shadowDatabaseUrl?: string }, log: (line: string) => void }} options */
  static async start({ datamodels, datasource, log }) {
    if (!datasource?.url) throw new UserFacingError("P1012", "No datasource URL was passed to the schema engine.");
    const self = new WasmSchemaEngine();
    self.postgres = isPostgresUrl(datasource.url);
    let factory;
    if (self.postgres) {
      const { inner, connect, connectToShadowDb } = postgresFactory(datasource);
      factory = {
        provider: inner.provider,
        adapterName: inner.adapterName,
        connect: async () => (self.main = lazyConnection(inner, connect)),
        connectToShadowDb: async () => withScriptFallback(await connectToShadowDb()),
      };
    } else {
      const shadow = datasource.shadowDatabaseUrl ? sqlitePath(datasource.shadowDatabaseUrl) : undefined;
      const inner = new PrismaBetterSqlite3({ url: sqlitePath(datasource.url) }, { shadowDatabaseUrl: shadow });
      // Keep the engine's own connection for the repairs below (quirks b and c):
      // once the engine has taken its migration lock (`PRAGMA
      // main.locking_mode=EXCLUSIVE`), a second connection is locked out.
      factory = {
        provider: inner.provider,
        adapterName: inner.adapterName,
        connect: async () => (self.main = lazyConnection(inner, () => inner.connect())),
        connectToShadowDb: async () => withScriptFallback(await inner.connectToShadowDb()),
      };
    }
    const [bg, bind] = await Promise.all([loadWasmModule(), loadAdapterBinder()]);
    const bound = bind(factory);
    self.errors = bound.errorRegistry;
    self.engine = await bg.SchemaEngine.new({ datamodels: datamodels?.length ? datamodels : undefined }, log, bound);
    return self;
  }

  /** Dispatches one JSON-RPC method of the native engine. */
  async call(method, params) {
    try {
      return await this.dispatch(method, params);
    } catch (error) {
      throw this.originalError(error);
    }
  }

  async dispatch(method, params) {
    switch (method) {
      case "getDatabaseVersion":
        return this.engine.version(params ?? null);
      case "reset":
        return this.reset();
      case "getDatabaseDescription":
        throw new Error("getDatabaseDescription is not available in the WebAssembly schema engine.");
      case "evaluateDataLoss":
      case "createMigration":
        await this.primeShadowDatabase(params);
        break;
    }
    if (typeof this.engine[method] !== "function") throw new Error(`Unknown schema engine method: ${method}`);
    const result = await this.withMigrationsTable(method, () => this.engine[method](params));
    return result ?? {};
  }

  /**
   * Quirk (d): unlike `devDiagnostic` and `diff`, the wasm engine's
   * `evaluateDataLoss` and `createMigration` get no shadow-database factory.
   * They work only right after a `devDiagnostic` that found the database in
   * step with the migrations, and only once; otherwise they fail with "SQLite
   * shadow DB must be provided through an external factory". `migrate dev`
   * runs devDiagnostic, then applyMigrations, then these, so on a fresh
   * database they fail. Run devDiagnostic right before each of them; its own
   * errors, if any, resurface in the real call.
   */
  async primeShadowDatabase({ migrationsList, filters }) {
    try {
      await this.withMigrationsTable("devDiagnostic", () => this.engine.devDiagnostic({ migrationsList, filters }));
    } catch {
      // Reported by the call that follows.
    }
  }

  /**
   * Quirk (b): where the native engine treats a missing `_prisma_migrations`
   * table as "no history yet", the wasm engine fails with P1014. Create the
   * table on the engine's own connection and try again. Commands that record
   * history keep it; the others drop it afterwards and, like the native
   * engine, report that there is no table (so `migrate status` and `migrate
   * dev` leave a database that `db push` created as it was). Like the native
   * engine, refuse (P3005) to deploy onto a non-empty database with no history.
   */
  async withMigrationsTable(method, run) {
    try {
      return await run();
    } catch (error) {
      if (error?.code !== "P1014" || !String(error.message).includes("_prisma_migrations")) throw error;
      if (method === "applyMigrations" && (await this.userObjects()).length > 0) {
        throw new UserFacingError(
          "P3005",
          "The database schema is not empty. Read more about how to baseline an existing production database: https://pris.ly/d/migrate-baseline",
        );
      }
      await this.main.executeScript(this.postgres ? PG_MIGRATIONS_TABLE_SQL : MIGRATIONS_TABLE_SQL);
      if (RECORDS_HISTORY.has(method)) return run();
      try {
        const result = await run();
        return method === "diagnoseMigrationHistory" ? { ...result, hasMigrationsTable: false } : result;
      } finally {
        await this.main.executeScript('DROP TABLE IF EXISTS "_prisma_migrations";');
      }
    }
  }

  /** Tables, views and triggers of the main database, in drop order. */
  async userObjects() {
    const { rows } = await this.main.queryRaw({
      sql: this.postgres
        ? PG_USER_OBJECTS_SQL
        : `SELECT type, name FROM sqlite_master
            WHERE type IN ('view', 'trigger', 'table') AND name NOT LIKE 'sqlite_%'
            ORDER BY CASE type WHEN 'view' THEN 0 WHEN 'trigger' THEN 1 ELSE 2 END`,
      args: [],
      argTypes: [],
    });
    return rows.map(([type, name]) => ({ type: String(type), name: String(name) }));
  }

  /**
   * Quirk (c): the wasm engine's SQLite `reset` only deletes rows. The native
   * one leaves an empty database, which `migrate reset` and `migrate dev`
   * rely on: drop every object instead.
   */
  async reset() {
    if (this.postgres) {
      await this.main.executeScript(PG_RESET_SQL);
      return {};
    }
    const quote = (name) => `"${name.replaceAll('"', '""')}"`;
    const drops = (await this.userObjects()).map(
      ({ type, name }) => `DROP ${type.toUpperCase()} IF EXISTS ${quote(name)};`,
    );
    await this.main.executeScript(
      ["PRAGMA foreign_keys = OFF;", ...drops, "PRAGMA foreign_keys = ON;", "VACUUM;"].join("\n"),
    );
    return {};
  }

  /**
   * A JavaScript error inside the adapter (e.g. "unable to open database
   * file") reaches us as "External error id#N": look the original up. A
   * trap is a panic: attach its message.
   */
  originalError(error) {
    if (error instanceof WebAssembly.RuntimeError) return new EnginePanic(panicMessage ?? error.message);
    const id = /External error id#(\d+)/.exec(String(error?.message))?.[1];
    const original = id === undefined ? undefined : this.errors.consumeError(Number(id))?.error;
    return original ?? error;
  }

  async stop() {
    this.engine?.free();
    await this.main?.dispose();
  }
}
