import type { Tx } from "@/lib/db/transaction";
import type { Effects } from "@/lib/engine/unit-of-work";
import { applyAtOnce, applyThroughPrisma, type Planned, type Planner } from "./apply-plan";
import { draftFor } from "./assignment-plan";
import type { CandidateSource } from "./candidate-source";
import { decideForConversation } from "./decide-for-conversation";
import { planQueueAssignment } from "./plan-assignment";
import { type Reading, read } from "./reading";
import type { Decision } from "./types";

export interface Retried extends Planned {
  /** Null when the conversation no longer waits in that queue (served, moved, closed meanwhile). */
  decision: Decision | null;
}

/**
 * Another try for a conversation waiting in a queue, planned: the queue decides again, and only a winner writes
 * anything (the assignment); a conversation that still cannot be taken is left exactly as it was. A conversation that
 * came by transfer keeps its exclusions (its sender, the AI agents that handled it).
 */
export function* planRetry(
  source: CandidateSource,
  conversationId: string,
  queueId: string,
  at: Date,
): Reading<Retried> {
  const conversation = yield* read(source.conversation(conversationId));
  if (conversation?.status !== "open" || conversation.queueId !== queueId) return moved;
  const queue = yield* read(source.queue(queueId));
  if (!queue) return moved;
  const { decision, winner } = yield* decideForConversation(source, conversation, queue);
  if (!winner) return { draft: null, decision, unfinished: false };
  return {
    draft: planQueueAssignment(draftFor(conversation, at), queue, { decision, winner }),
    decision,
    unfinished: false,
  };
}

const moved: Retried = { draft: null, decision: null, unfinished: false };

const retryPlanner =
  (conversationId: string, queueId: string): Planner<Retried> =>
  (source, at) =>
    planRetry(source, conversationId, queueId, at);

/** The retry as one synchronous SQLite transaction (null: no such connection here; use `retryWaiting`). */
export async function retryWaitingAtOnce(conversationId: string, queueId: string): Promise<Retried | null> {
  return applyAtOnce(retryPlanner(conversationId, queueId));
}

/** The retry inside a Prisma transaction (any dialect). */
export async function retryWaiting(
  tx: Tx,
  fx: Effects,
  conversationId: string,
  queueId: string,
): Promise<Decision | null> {
  return (await applyThroughPrisma(tx, fx, retryPlanner(conversationId, queueId))).decision;
}
