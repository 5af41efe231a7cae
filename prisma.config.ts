import path from "node:path";
import { defineConfig } from "prisma/config";

// The Prisma CLI downloads a native schema engine before every command, which
// air-gapped machines cannot do. Point it at our bridge to the WebAssembly
// engine that ships on npm instead (see docs/decisions/002-offline-prisma-cli.md).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(__dirname, "scripts", "prisma-schema-engine", "bin.sh");

// One set of models, two providers (docs/decisions/010-postgresql-path.md): a postgres:// URL takes the schema
// generated for PostgreSQL and its own migrations; anything else the SQLite ones.
const url = process.env.DATABASE_URL ?? "file:./data/switchboard.db";
const onPostgres = /^postgres(ql)?:\/\//i.test(url);
const folder = onPostgres ? path.join("prisma", "postgres") : "prisma";

// SQLite's full-text index for knowledge (an FTS5 virtual table and the tables FTS5 keeps for it) is created by a
// migration and described nowhere in the schema: without this list `migrate dev` takes them for drift and writes a
// migration that drops them (seen here). Prisma then leaves them alone (docs/decisions/014-llm-agents.md).
// PostgreSQL's index is an expression index, which its differ already ignores (and it refuses unqualified names here).
const knowledgeFts = ["", "_data", "_idx", "_docsize", "_config"].map((suffix) => `KnowledgeChunkFts${suffix}`);
const sqliteOnly = onPostgres ? {} : { experimental: { externalTables: true }, tables: { external: knowledgeFts } };

export default defineConfig({
  ...sqliteOnly,
  schema: path.join(folder, "schema.prisma"),
  migrations: { path: path.join(folder, "migrations") },
  datasource: { url },
});
