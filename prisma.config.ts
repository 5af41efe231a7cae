import path from "node:path";
import { defineConfig } from "prisma/config";

// The Prisma CLI downloads a native schema engine before every command, which
// air-gapped machines cannot do. Point it at our bridge to the WebAssembly
// engine that ships on npm instead (see docs/decisions/002-offline-prisma-cli.md).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(__dirname, "scripts", "prisma-schema-engine", "bin.sh");

// One set of models, two providers (docs/decisions/010-postgresql-path.md): a postgres:// URL takes the schema
// generated for PostgreSQL and its own migrations; anything else the SQLite ones.
const url = process.env.DATABASE_URL ?? "file:./data/switchboard.db";
const folder = /^postgres(ql)?:\/\//i.test(url) ? path.join("prisma", "postgres") : "prisma";

export default defineConfig({
  schema: path.join(folder, "schema.prisma"),
  migrations: { path: path.join(folder, "migrations") },
  datasource: { url },
});
