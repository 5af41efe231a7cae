import { getDb } from "@/lib/db/client";

/**
 * A plain estimate of the wait: position × the queue's recent average time
 * from queueing to assignment (last 50 assignments). Null until there is history.
 */
export async function estimateWait(queueId: string, position: number): Promise<number | null> {
  const rows = await getDb().$queryRaw<{ avgMs: number | null }[]>`
    SELECT AVG(ms) AS avgMs FROM (
      SELECT (julianday(a.createdAt) - julianday(q.createdAt)) * 86400000.0 AS ms
      FROM Event a JOIN Event q ON q.conversationId = a.conversationId AND q.type = 'conversation.queued' AND q.seq < a.seq
      WHERE a.type = 'agent.assigned' AND json_extract(a.data, '$.queueId') = ${queueId}
      ORDER BY a.id DESC LIMIT 50
    )`;
  const avgMs = rows[0]?.avgMs == null ? null : Number(rows[0].avgMs);
  return avgMs == null ? null : Math.round((avgMs * position) / 1000);
}
