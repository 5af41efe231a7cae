import { databaseUrl, disconnectDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { installEffects } from "@/lib/engine/apply-effects";
import { seedDemo } from "@/lib/demo/seed-demo";

/** `npm run db:seed`: migrates if needed, then seeds the demo once (a seeded database is left as it is). */
async function main() {
  applyMigrations(databaseUrl());
  installEffects();
  const { created } = await seedDemo();
  console.log(created ? "Seeded the demo queues and agents." : "Database already has queues: left as it is.");
  await disconnectDb();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
