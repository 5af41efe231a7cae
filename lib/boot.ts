import { databaseUrl, getDb } from "@/lib/db/client";
import { DatabaseUrlError, dialectOf } from "@/lib/db/dialect";
import { migrateDatabase } from "@/lib/db/migrate-database";
import { dialectSql } from "@/lib/db/sql";
import { installEffects } from "@/lib/engine/apply-effects";
import { startBus } from "@/lib/events/start-bus";
import { installClientAddressStamp } from "@/lib/http/client-address";
import { httpLimits } from "@/lib/http/request-limits";
import { configuredOrigins } from "@/lib/http/trusted-origins";
import { logger } from "@/lib/logger";
import { metricsToken } from "@/lib/metrics/metrics-token";
import { startSafetySweep, sweepIntervalMs } from "@/lib/routing/safety-sweep";
import { startTimerLoop } from "@/lib/timers/scheduler";

export async function bootServer(): Promise<void> {
  const url = databaseUrl(); // First: a URL this build cannot serve stops the start before anything is touched.
  requireSharedSecretOnPostgres(url);
  // A malformed limit, origin list, interval or metrics token stops the server here, not on some later request.
  httpLimits();
  configuredOrigins();
  metricsToken();
  const sweepEvery = sweepIntervalMs();
  // Then every request from here on knows who sent it (limits and the sign-in throttle count by it).
  installClientAddressStamp();
  installEffects();
  const { applied } = await migrateDatabase(url);
  if (applied.length) logger.info({ applied }, "applied database migrations");
  await tunePragmas();
  // Before the timer loop's first write and the first stream: live events must reach the other instances from the start.
  await startBus(url);
  startTimerLoop();
  startSafetySweep(sweepEvery);
  logger.info({ database: url.replace(/\/\/[^@/]*@/, "//…@") }, "switchboard ready");
}

/** The dialect's per-connection settings (SQLite: synchronous=NORMAL; nothing on PostgreSQL). */
async function tunePragmas() {
  for (const statement of dialectSql().boot) await getDb().$executeRawUnsafe(statement);
}

/**
 * Without BETTER_AUTH_SECRET the session key is generated once and kept beside the SQLite file (lib/auth/secret.ts).
 * A PostgreSQL database has no file beside it — and several instances must sign cookies with one key — so say so at
 * start rather than at the first sign-in.
 */
function requireSharedSecretOnPostgres(url: string) {
  if (dialectOf(url) === "postgres" && !process.env.BETTER_AUTH_SECRET) {
    throw new DatabaseUrlError(
      "DATABASE_URL names a PostgreSQL database: set BETTER_AUTH_SECRET too (the same on every instance), " +
        "e.g. to the output of `openssl rand -base64 32`.",
    );
  }
}
