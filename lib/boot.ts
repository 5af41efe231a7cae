import { databaseUrl, getDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { httpLimits } from "@/lib/http/limits";
import { configuredOrigins } from "@/lib/http/trusted-origins";
import { logger } from "@/lib/logger";
import { startTimerLoop } from "@/lib/timers/scheduler";

export async function bootServer(): Promise<void> {
  // A malformed limit or origin list stops the server here, not on some later request.
  httpLimits();
  configuredOrigins();
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
