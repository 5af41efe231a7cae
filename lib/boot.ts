import { databaseUrl, getDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { installEffects } from "@/lib/engine/apply-effects";
import { installClientAddressStamp } from "@/lib/http/client-address";
import { httpLimits } from "@/lib/http/request-limits";
import { configuredOrigins } from "@/lib/http/trusted-origins";
import { logger } from "@/lib/logger";
import { startTimerLoop } from "@/lib/timers/scheduler";

export async function bootServer(): Promise<void> {
  const url = databaseUrl(); // First: a URL this build cannot serve stops the start before anything is touched.
  // A malformed limit or origin list stops the server here, not on some later request.
  httpLimits();
  configuredOrigins();
  // Then every request from here on knows who sent it (limits and the sign-in throttle count by it).
  installClientAddressStamp();
  installEffects();
  const { applied } = applyMigrations(url);
  if (applied.length) logger.info({ applied }, "applied database migrations");
  await tunePragmas();
  startTimerLoop();
  logger.info({ database: url }, "switchboard ready");
}

/** WAL is persistent (set by the migrator); synchronous=NORMAL is per connection and safe in WAL mode. */
async function tunePragmas() {
  await getDb().$executeRawUnsafe("PRAGMA synchronous = NORMAL");
}
