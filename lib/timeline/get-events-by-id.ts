import { getDb } from "@/lib/db/client";
import { toTimelineEvent } from "./append-events";
import type { TimelineEvent } from "./types";

/**
 * The stored events with these ids, in id order; ids with no row are left out. How an instance reads the events
 * another instance published (lib/events/postgres-bus.ts): one query per burst of notifications, not one per stream.
 */
export async function getEventsById(ids: number[]): Promise<TimelineEvent[]> {
  if (ids.length === 0) return [];
  const rows = await getDb().event.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
  return rows.map(toTimelineEvent);
}
