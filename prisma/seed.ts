import { databaseUrl, disconnectDb } from "@/lib/db/client";
import { DatabaseUrlError } from "@/lib/db/dialect";
import { migrateDatabase } from "@/lib/db/migrate-database";
import { seedDemo } from "@/lib/demo/seed-demo";
import { installEffects } from "@/lib/engine/apply-effects";

/** `npm run db:seed`: migrates if needed, then seeds the demo once (a seeded database is left as it is). */
async function main() {
  await migrateDatabase(databaseUrl());
  installEffects();
  const { created } = await seedDemo();
  console.log(created ? "Seeded the demo queues and agents." : "Database already has queues: left as it is.");
  await disconnectDb();
}

main().catch((error) => {
  // A wrong DATABASE_URL gets its one-line message; anything else its stack.
  console.error(error instanceof DatabaseUrlError ? `Seeding failed: ${error.message}` : error);
  process.exit(1);
});
