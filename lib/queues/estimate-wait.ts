import { getDb } from "@/lib/db/client";
import { dialectSql } from "@/lib/db/sql";

/**
 * A plain estimate of the wait: position × the queue's recent average time
 * from queueing to assignment (last 50 assignments). Null until there is history.
 */
export async function estimateWait(queueId: string, position: number): Promise<number | null> {
  const rows = await getDb().$queryRawUnsafe<{ avgMs: number | null }[]>(dialectSql().averageWait, queueId);
  const avgMs = rows[0]?.avgMs == null ? null : Number(rows[0].avgMs);
  return avgMs == null ? null : Math.round((avgMs * position) / 1000);
}
