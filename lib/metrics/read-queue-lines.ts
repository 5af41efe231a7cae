import { now } from "@/lib/clock";
import { getDb } from "@/lib/db/client";

export interface QueueLine {
  queue: string;
  waiting: number;
  longestWaitSeconds: number;
}

/** Every queue's line as the database has it now (all instances' conversations): how many wait, and the longest. */
export async function readQueueLines(): Promise<QueueLine[]> {
  const db = getDb();
  const [queues, waiting] = await Promise.all([
    db.queue.findMany({ select: { id: true, name: true } }),
    db.conversation.groupBy({ by: ["queueId"], where: { status: "open" }, _count: true, _min: { queuedAt: true } }),
  ]);
  const byQueue = new Map(waiting.map((line) => [line.queueId, line]));
  const at = now().getTime();
  return queues.map((queue) => {
    const line = byQueue.get(queue.id);
    const since = line?._min.queuedAt?.getTime();
    return {
      queue: queue.name,
      waiting: line?._count ?? 0,
      longestWaitSeconds: since === undefined ? 0 : Math.max(0, (at - since) / 1000),
    };
  });
}
