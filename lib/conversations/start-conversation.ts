import type { Queue } from "@/generated/prisma/client";
import { now } from "@/lib/clock";
import { fastPathConnection } from "@/lib/db/client";
import type { Tx } from "@/lib/db/transaction";
import { inTransaction } from "@/lib/engine/unit-of-work";
import { invalidState, notFound } from "@/lib/errors";
import { assignNewConversationSqlite } from "@/lib/routing/assign-new-conversation-sqlite";
import { routeToQueue } from "@/lib/routing/route-to-queue";
import { type Condition, matchRule } from "@/lib/routing-rules/match-rule";
import { appendEvent } from "@/lib/timeline/append-events";
import { customerActor, systemActor } from "@/lib/timeline/types";
import { hashCustomerToken, newCustomerToken } from "./customer-token";
import { getConversation } from "./get-conversation";
import type { StartConversationInput } from "./schemas";

/**
 * A customer starts a chat: the entry point's queue (if it names one) or the
 * routing rules pick the queue, and the conversation is assigned or waits.
 * The customer's token is returned once; only its hash is stored. The conversation comes back as the API shows it.
 */
export async function startConversation(input: StartConversationInput) {
  const customerToken = newCustomerToken();
  // The common outcome — someone takes it at once — as one synchronous SQLite transaction when the database is
  // SQLite (docs/decisions/003-hot-path-sql.md). It returns null, having written nothing, when the conversation
  // would wait or overflow (or no queue can be chosen): the Prisma path below handles those.
  if (await fastPathConnection()) {
    const fast = await assignNewConversationSqlite({
      customerName: input.customer.name,
      customerTokenHash: hashCustomerToken(customerToken),
      topic: input.topic ?? null,
      // As stored and read back as JSON, like the Prisma path's `created.context`.
      context: JSON.parse(JSON.stringify(input.context ?? {})) as Record<string, unknown>,
      queueId: input.queueId,
    });
    if (fast) return { conversation: fast, customerToken };
  }
  const conversation = await startOnPrisma(input, customerToken);
  // Read back after commit: a waiting conversation's view carries its live position.
  return { conversation: await getConversation(conversation.id), customerToken };
}

/** The general path (any provider, every outcome): create, route, then assign, wait or overflow. */
export function startOnPrisma(input: StartConversationInput, customerToken: string) {
  return inTransaction(async (tx, fx) => {
    const entry = await chooseEntryQueue(tx, input);
    const created = await tx.conversation.create({
      data: {
        customerName: input.customer.name,
        customerTokenHash: hashCustomerToken(customerToken),
        topic: input.topic ?? null,
        context: (input.context ?? {}) as object,
        createdAt: now(),
      },
    });
    await appendEvent(tx, fx, created.id, {
      type: "conversation.started",
      actor: customerActor,
      data: { customerName: created.customerName, topic: created.topic, context: created.context },
    });
    return routeToQueue(tx, fx, created, entry.queue, {
      actor: systemActor,
      reason: entry.reason,
      ruleId: entry.ruleId,
    });
  });
}

async function chooseEntryQueue(
  tx: Tx,
  input: StartConversationInput,
): Promise<{ queue: Queue; reason: string; ruleId: string | null }> {
  if (input.queueId) {
    const queue = await tx.queue.findUnique({ where: { id: input.queueId } });
    if (!queue) throw notFound("queue", input.queueId);
    return { queue, reason: "entry point names the queue", ruleId: null };
  }
  const rules = await tx.routingRule.findMany({ include: { queue: true } });
  const matched = matchRule(
    rules.map((rule) => ({ ...rule, conditions: rule.conditions as Condition[] })),
    { topic: input.topic ?? null, context: input.context ?? {} },
  );
  if (matched) return { queue: matched.queue, reason: `routing rule "${matched.name}"`, ruleId: matched.id };
  const fallback = await tx.queue.findFirst({ where: { isDefault: true } });
  if (!fallback)
    throw invalidState("no routing rule matched and no default queue is configured", { state: "no_default_queue" });
  return { queue: fallback, reason: "default queue (no routing rule matched)", ruleId: null };
}
