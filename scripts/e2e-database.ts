// `npx tsx scripts/e2e-database.ts create|drop <name>`: a fresh PostgreSQL database for an end-to-end server
// (scripts/e2e-server.sh with E2E_DATABASE=postgres) on the server TEST_POSTGRES_URL names (default 127.0.0.1:5432,
// user postgres). `create` drops any database left under that name by a run that was killed, and prints the new
// database's URL; `drop` ends its connections first (WITH (FORCE)), so a server that is still stopping cannot keep it.
import { databaseUrlFor, dropDatabase, onServer } from "@/lib/testing/postgres";

async function main() {
  const [command, name] = process.argv.slice(2);
  if (!name || !/^[a-z0-9_]+$/.test(name) || (command !== "create" && command !== "drop")) {
    throw new Error("usage: e2e-database.ts create|drop <name of lowercase letters, digits and _>");
  }
  await dropDatabase(name);
  if (command === "create") {
    await onServer(`CREATE DATABASE "${name}"`);
    console.log(databaseUrlFor(name));
  }
}

main().catch((error) => {
  console.error(`e2e-database: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
