// `npm run db:migrate` (npx tsx scripts/migrate.ts): applies pending migrations to
// DATABASE_URL without the Prisma CLI, exactly as the server does when it starts.
import { dialectOf, servedDatabaseUrl } from "@/lib/db/dialect";
import { resolveDatabaseFile } from "@/lib/db/migrate";
import { migrateDatabase } from "@/lib/db/migrate-database";

async function main() {
  const url = servedDatabaseUrl();
  const { applied } = await migrateDatabase(url);
  const where =
    dialectOf(url) === "postgres" ? `${new URL(url).pathname.slice(1)} (PostgreSQL)` : resolveDatabaseFile(url);
  if (applied.length === 0) {
    console.log(`Database ${where} is up to date: no pending migrations.`);
  } else {
    console.log(`Applied ${applied.length} migration(s) to ${where}:`);
    for (const name of applied) console.log(`  - ${name}`);
  }
}

main().catch((error) => {
  console.error(`Migration failed: ${(error as Error).message}`);
  process.exitCode = 1;
});
