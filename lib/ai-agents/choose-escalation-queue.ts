import type { Conversation, Queue } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors";

/** Overflow hops followed when asking whether a queue leads to a person (routing itself stops at five as well). */
const MAX_HOPS = 5;

export interface EscalationTarget {
  queueId: string;
  /** Why this queue, for the timeline when it is not the first choice; null when it is. */
  why: string | null;
}

export interface ChooseEscalationQueueOptions {
  agent: { id: string; escalationQueueId: string | null };
  conversation: Pick<Conversation, "queueId">;
  /** The queue the AI agent named in its Escalate command, if any (an unknown one is a 404). */
  requestedQueueId?: string | null;
}

/**
 * Where a conversation goes when an AI agent escalates (or is escalated for): the queue it names, else its escalation
 * queue, else the conversation's queue, else the default queue — the first of these where a person could ever take
 * it. A queue with no representative, whose overflow does not lead to one either, is a dead end: the customer asked
 * for a person and would wait there for nobody, so it is passed over, and the timeline says why.
 *
 * "Could ever" is about membership, not presence: an offline representative may come back, and the estimate of the
 * wait says "unknown" meanwhile (lib/queues/estimate-wait.ts). When no candidate leads to a person, the first one is
 * kept, where the queue's overflow (if any) applies as configured.
 */
export async function chooseEscalationQueue(
  tx: Tx,
  { agent, conversation, requestedQueueId }: ChooseEscalationQueueOptions,
): Promise<EscalationTarget | null> {
  if (requestedQueueId && !(await tx.queue.findUnique({ where: { id: requestedQueueId }, select: { id: true } }))) {
    throw notFound("queue", requestedQueueId);
  }
  const defaultQueue = await tx.queue.findFirst({ where: { isDefault: true }, select: { id: true } });
  const candidates = [
    ...new Set(
      [requestedQueueId, agent.escalationQueueId, conversation.queueId, defaultQueue?.id].filter((id): id is string =>
        Boolean(id),
      ),
    ),
  ];
  const first = candidates[0];
  if (!first) return null;
  const passedOver: string[] = [];
  for (const queueId of candidates) {
    const queue = await tx.queue.findUnique({ where: { id: queueId } });
    if (!queue) continue;
    if (await leadsToPerson(tx, queue)) {
      if (passedOver.length === 0) return { queueId, why: null };
      return {
        queueId,
        why: `escalation: no representative could ever take it in ${passedOver.join(" or ")}, so it went to ${queue.name}`,
      };
    }
    passedOver.push(queue.name);
  }
  return { queueId: first, why: null };
}

/** A representative is a member of the queue, or of a queue its overflow transfers to (followed a few hops). */
async function leadsToPerson(tx: Tx, queue: Queue): Promise<boolean> {
  const seen = new Set<string>();
  let current: Queue | null = queue;
  for (let hop = 0; current && hop <= MAX_HOPS && !seen.has(current.id); hop++) {
    seen.add(current.id);
    const people = await tx.queueMembership.count({ where: { queueId: current.id, agent: { kind: "human" } } });
    if (people > 0) return true;
    if (current.overflowAction !== "transfer" || !current.overflowQueueId) return false;
    current = await tx.queue.findUnique({ where: { id: current.overflowQueueId } });
  }
  return false;
}
