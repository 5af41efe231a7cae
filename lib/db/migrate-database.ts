import { dialectOf } from "./dialect";
import { applyMigrations } from "./migrate";
import { applyPostgresMigrations } from "./migrate-postgres";

/** Applies the pending migrations of the database DATABASE_URL names, with that dialect's migrator and migrations. */
export async function migrateDatabase(url: string): Promise<{ applied: string[] }> {
  return dialectOf(url) === "postgres" ? applyPostgresMigrations(url) : applyMigrations(url);
}
