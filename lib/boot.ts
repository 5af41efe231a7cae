import { databaseUrl, getDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { installClientAddressStamp } from "@/lib/http/client-address";
import { logger } from "@/lib/logger";
import { startTimerLoop } from "@/lib/timers/scheduler";

export async function bootServer(): Promise<void> {
  // First: every request from here on knows who sent it (limits and the sign-in throttle count by it).
  installClientAddressStamp();
  const { applied } = applyMigrations(databaseUrl());
  if (applied.length) logger.info({ applied }, "applied database migrations");
  await tunePragmas();
  startTimerLoop();
  logger.info({ database: databaseUrl() }, "switchboard ready");
}

/** WAL is persistent (set by the migrator); synchronous=NORMAL is per connection and safe in WAL mode. */
async function tunePragmas() {
  await getDb().$executeRawUnsafe("PRAGMA synchronous = NORMAL");
}
