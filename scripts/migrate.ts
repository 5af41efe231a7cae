// `npm run db:migrate` (npx tsx scripts/migrate.ts): applies pending migrations to
// DATABASE_URL without the Prisma CLI, exactly as the server does when it starts.
import { servedDatabaseUrl } from "@/lib/db/dialect";
import { applyMigrations, resolveDatabaseFile } from "@/lib/db/migrate";

try {
  const url = servedDatabaseUrl();
  const { applied } = applyMigrations(url);
  const where = resolveDatabaseFile(url);
  if (applied.length === 0) {
    console.log(`Database ${where} is up to date: no pending migrations.`);
  } else {
    console.log(`Applied ${applied.length} migration(s) to ${where}:`);
    for (const name of applied) console.log(`  - ${name}`);
  }
} catch (error) {
  console.error(`Migration failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
