import { eventsByIdSql } from "@/lib/db/sql/postgres";
import { toTimelineEvent } from "./append-events";
import type { TimelineEvent } from "./types";

/** Runs one statement on a PostgreSQL session and returns its rows. */
export type SessionQuery = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * The stored events with these ids, in id order; ids with no row are left out. How an instance reads the events
 * another instance published (lib/events/postgres-bus.ts): one query per burst of notifications, not one per stream,
 * on the bus's own session (`query`). PostgreSQL only.
 */
export async function getEventsById(ids: number[], query: SessionQuery): Promise<TimelineEvent[]> {
  if (ids.length === 0) return [];
  const rows = await query(eventsByIdSql, [ids]);
  return rows.map((row) => toTimelineEvent(row as Parameters<typeof toTimelineEvent>[0]));
}
