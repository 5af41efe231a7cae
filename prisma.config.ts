import path from "node:path";
import { defineConfig } from "prisma/config";

// The Prisma CLI downloads a native schema engine before every command, which
// air-gapped machines cannot do. Point it at our bridge to the WebAssembly
// engine that ships on npm instead (see docs/decisions/002-offline-prisma-cli.md).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(__dirname, "scripts", "prisma-schema-engine", "bin.sh");

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/switchboard.db" },
});
