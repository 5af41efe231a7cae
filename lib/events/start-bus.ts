import { dialectOf } from "@/lib/db/dialect";
import { logger } from "@/lib/logger";
import { getEventsById } from "@/lib/timeline/get-events-by-id";
import { type Bus, createInProcessBus, installBus } from "./bus";
import { createPostgresBus } from "./postgres-bus";

/**
 * Installs the bus the database calls for, once at start (lib/boot.ts): in-process on SQLite — one server is all a
 * SQLite file has — and LISTEN/NOTIFY on PostgreSQL, where any number of instances may share the database. On
 * PostgreSQL it resolves once this process is listening, so no stream opens before live events can reach it.
 *
 * Scripts that change conversations beside running servers (scripts/run-timers.ts) start it too, so what they write
 * reaches the servers' open streams, and close it when done.
 */
export type StartedBus = Bus & { close(): Promise<void> };

/** @see StartedBus */
export async function startBus(url: string): Promise<StartedBus> {
  if (dialectOf(url) !== "postgres") {
    const bus = Object.assign(createInProcessBus(), { close: async () => {} });
    installBus(bus);
    return bus;
  }
  const bus = createPostgresBus({ url, loadEvents: getEventsById });
  await bus.start();
  installBus(bus);
  logger.info({ instanceId: bus.instanceId }, "live events cross instances through PostgreSQL LISTEN/NOTIFY");
  return bus;
}
