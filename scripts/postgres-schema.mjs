// Writes prisma/postgres/schema.prisma from prisma/schema.prisma: the models are written once (in the SQLite schema,
// the project's default), and PostgreSQL's schema differs only in its datasource provider and its client's output
// folder. `--check` fails when the committed copy is stale (run by `npm run deps`), so nobody hand-edits it.
// Plain Node: `npm run db:generate` runs it before every `prisma generate`.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.join(root, "prisma", "schema.prisma");
const target = path.join(root, "prisma", "postgres", "schema.prisma");

const HEADER = `// GENERATED from prisma/schema.prisma by scripts/postgres-schema.mjs (npm run db:generate) — do not edit.
// Edit the models there; \`npm run deps\` fails while this copy is stale.

`;

/** The one-for-one translation: exactly one provider line and one output line change, or the script refuses. */
export function postgresSchema(sqliteSchema) {
  const replace = (text, pattern, replacement, what) => {
    const matches = text.match(new RegExp(pattern.source, "gm")) ?? [];
    if (matches.length !== 1) throw new Error(`prisma/schema.prisma: expected one ${what}, found ${matches.length}.`);
    return text.replace(pattern, replacement);
  };
  let text = replace(
    sqliteSchema,
    /^(\s*provider\s*=\s*)"sqlite"/m,
    '$1"postgresql"',
    'datasource `provider = "sqlite"`',
  );
  text = replace(
    text,
    /^(\s*output\s*=\s*)"\.\.\/generated\/prisma"/m,
    '$1"../../generated/prisma-pg"',
    "generator output",
  );
  return HEADER + text;
}

const wanted = postgresSchema(fs.readFileSync(source, "utf8"));
if (process.argv.includes("--check")) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
  if (current !== wanted) {
    console.error("prisma/postgres/schema.prisma is stale: run `npm run db:generate` and commit it.");
    process.exit(1);
  }
} else {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, wanted);
}
