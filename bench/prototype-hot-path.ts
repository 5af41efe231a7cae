// Prototypes of the engine change proposed in docs/performance.md, measured beside the engine and the floor.
// Neither changes lib/**: they run the same use case (a customer starts a chat and a representative gets it)
// with the same rows, the same decision and the same after-commit effects, and fall back to the engine's
// startConversation for every other outcome (waiting, overflow, an AI agent winning).
//
//  raw-prisma               the hot path as 7 raw statements ($queryRawUnsafe / $executeRawUnsafe) inside the
//                           engine's own inTransaction (Prisma interactive transaction) — "TypedSQL / $queryRaw".
//  raw-shared-connection    the same statements prepared once on the Prisma adapter's own better-sqlite3
//                           connection, run as one synchronous transaction while holding the lock that every
//                           Prisma interactive transaction also holds (so nothing interleaves).
import { startConversation } from "@/lib/conversations/start-conversation";
import { sqliteConnection, writeSync } from "@/lib/db/client";
import { applyEffects } from "@/lib/engine/apply-effects";
import { type Effects, inTransaction } from "@/lib/engine/unit-of-work";
import { ClaimLostError } from "@/lib/errors";
import type { TimelineEvent } from "@/lib/timeline/types";
import { assignSync, assignThroughPrisma, type Plan, prepareStatements, type WrittenEvent } from "./lib/hot-path-sql";

export interface StartInput {
  customerName: string;
  queueId: string;
}

const newEffects = (): Effects => ({
  events: [],
  deliveries: [],
  queuesToServe: new Set(),
  queuesChanged: new Set(),
  agentsChanged: new Set(),
});

function effectsOf(plan: Plan, events: WrittenEvent[], queueId: string, fx: Effects = newEffects()): Effects {
  const createdAt = new Date(plan.at).toISOString();
  for (const event of events) {
    fx.events.push({
      id: event.id,
      conversationId: plan.conversationId,
      seq: event.seq,
      type: event.type,
      actorType: event.actorType,
      actorId: null,
      data: event.data,
      createdAt,
    } satisfies TimelineEvent);
  }
  fx.agentsChanged.add(plan.agentId);
  fx.queuesChanged.add(queueId);
  return fx;
}

const viaEngine = (input: StartInput) =>
  startConversation({ customer: { name: input.customerName }, queueId: input.queueId });

/** Variant A: raw SQL through Prisma, inside the engine's inTransaction (retries and effects included). */
export async function startViaPrismaRaw(input: StartInput): Promise<string> {
  const id = await inTransaction(async (tx, fx) => {
    const done = await assignThroughPrisma(tx, input);
    if (!done) return null;
    effectsOf(done.plan, done.events, input.queueId, fx);
    return done.plan.conversationId;
  });
  return id ?? (await viaEngine(input)).conversation.id;
}

/**
 * Variant B: one synchronous transaction on the adapter's connection, under the write lock every Prisma
 * transaction holds — the engine's own `writeSync` (lib/db/client.ts), which this prototype led to.
 */
export async function sharedConnectionStarter() {
  const raw = await sqliteConnection();
  if (!raw) throw new Error("the engine's client has no better-sqlite3 connection");
  const statements = prepareStatements(raw);
  return async function startViaSharedConnection(input: StartInput): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      let done: ReturnType<typeof assignSync>;
      try {
        done = await writeSync(() => assignSync(statements, input));
      } catch (error) {
        if (error instanceof ClaimLostError && attempt < 8) continue;
        throw error;
      }
      if (!done) return (await viaEngine(input)).conversation.id;
      await applyEffects(effectsOf(done.plan, done.events, input.queueId));
      return done.plan.conversationId;
    }
  };
}
