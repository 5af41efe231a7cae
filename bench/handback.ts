// 6. Hand-backs: what a transfer into a queue costs, with its assignment, against a new conversation's assignment into
// the same queue (issue 9: at most 1.5×). Single sequential calls on one prepared database, timed in alternating
// blocks (A B C A B C …) so load drift cannot favour one side; first on the engine's own connection (the synchronous
// SQLite path, ADR 013), then with SWITCHBOARD_SQLITE_FAST_PATH=off (every plan through Prisma, as PostgreSQL runs it).
//   A: startConversation into the back queue → assigned to a representative.
//   B: a representative transfers a conversation it holds into the back queue → released, handed over, assigned.
//   C: an AI agent escalates a conversation it holds into the back queue (the product's hand-back) → assigned.
import { createAgent } from "@/lib/agents/create-agent";
import { startConversation } from "@/lib/conversations/start-conversation";
import { transferConversation } from "@/lib/conversations/transfer-conversation";
import { addMember } from "@/lib/queues/memberships";
import { createQueue } from "@/lib/queues/save-queue";
import type { CreateQueueInput } from "@/lib/queues/schemas";
import { agentActor } from "@/lib/timeline/types";
import type { BenchArgs } from "./config";
import { log, runAsMain } from "./lib/child";
import { invariantsOf, pointEngineAt, removeDatabase } from "./lib/db";
import { type AgentSpec, seedQueueWithMembers } from "./lib/seed";
import { round, type Summary, summarize } from "./lib/stats";

const NAME = "handback";

type Side = "newConversation" | "transfer" | "escalation";
const sides: Side[] = ["newConversation", "transfer", "escalation"];

export interface HandbackPath {
  /** Wall time of one call, ms. */
  ms: Record<Side, Summary>;
  /** p50 over the new conversation's p50 (the target is judged on the transfer). */
  ratio: { transfer: number; escalation: number };
}

export interface HandbackResult {
  setup: { representatives: number; aiAgents: number; samples: number };
  /** The engine's own connection: the synchronous SQLite path. */
  fast: HandbackPath;
  /** SWITCHBOARD_SQLITE_FAST_PATH=off: the same plans through Prisma. */
  general: HandbackPath;
  violations: string[];
}

async function frontQueue(name: string, kind: "human" | "ai") {
  const queue = await createQueue({
    name,
    assignmentMethod: "highest_capacity",
    priority: 100,
    isDefault: false,
    capacityUnits: 1,
    wrapUpSeconds: 120,
    overflowAction: "none",
  } as CreateQueueInput);
  const { agent } =
    kind === "human"
      ? await createAgent({ kind: "human", name: `${name} sender`, capacity: 10_000_000, presence: "available" })
      : await createAgent({ kind: "ai", botType: "builtin", name: `${name} bot`, capacity: 1, presence: "available" });
  await addMember(queue.id, agent.id);
  return { queueId: queue.id, agentId: agent.id };
}

/** Conversations held by the front queue's agent, ready to be handed on (made untimed, before the blocks). */
async function held(queueId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { conversation } = await startConversation({ customer: { name: `Held ${i}` }, queueId });
    if (conversation.status !== "active") throw new Error(`handback: a front conversation was not assigned`);
    ids.push(conversation.id);
  }
  return ids;
}

async function measurePath(
  args: BenchArgs,
  backQueueId: string,
  front: { rep: { queueId: string; agentId: string }; bot: { queueId: string; agentId: string } },
): Promise<HandbackPath> {
  const { samples, warmup } = args.sizes.handback;
  const blocks = 6;
  const perSide = Math.ceil(samples / blocks);
  const needed = warmup + perSide * blocks;
  const toTransfer = await held(front.rep.queueId, needed);
  const toEscalate = await held(front.bot.queueId, needed);
  let n = 0;
  const one: Record<Side, () => Promise<unknown>> = {
    newConversation: () => startConversation({ customer: { name: `Customer ${n++}` }, queueId: backQueueId }),
    transfer: () =>
      transferConversation({
        conversationId: toTransfer.pop() as string,
        actor: agentActor(front.rep.agentId),
        target: { queueId: backQueueId },
        note: "over to you",
      }),
    escalation: () =>
      transferConversation({
        conversationId: toEscalate.pop() as string,
        actor: agentActor(front.bot.agentId),
        target: { queueId: backQueueId },
        reason: "escalation",
        summary: "asked for a person",
      }),
  };
  const wall: Record<Side, number[]> = { newConversation: [], transfer: [], escalation: [] };
  for (const side of sides) for (let w = 0; w < warmup; w++) await one[side]();
  for (let b = 0; b < blocks; b++) {
    for (const side of b % 2 ? [...sides].reverse() : sides) {
      for (let k = 0; k < perSide; k++) {
        const start = performance.now();
        await one[side]();
        wall[side].push(performance.now() - start);
      }
    }
  }
  const ms = Object.fromEntries(sides.map((side) => [side, summarize(wall[side])])) as Record<Side, Summary>;
  return {
    ms,
    ratio: {
      transfer: round(ms.transfer.p50 / ms.newConversation.p50, 2),
      escalation: round(ms.escalation.p50 / ms.newConversation.p50, 2),
    },
  };
}

export async function measureHandback(args: BenchArgs): Promise<HandbackResult> {
  const s = args.sizes.handback;
  const specs: AgentSpec[] = [
    ...Array.from({ length: s.aiAgents }, (): AgentSpec => ({ kind: "ai", capacity: 1, presence: "available" })),
    ...Array.from(
      { length: s.representatives },
      (): AgentSpec => ({ kind: "human", capacity: 10_000_000, presence: "available" }),
    ),
  ];
  const seeded = seedQueueWithMembers("handback", specs);
  const violations: string[] = [];
  try {
    await pointEngineAt(seeded.file);
    const front = { rep: await frontQueue("Front desk", "human"), bot: await frontQueue("Front bot", "ai") };
    const fast = await measurePath(args, seeded.queueId, front);
    log(NAME, `fast path: transfer ${fast.ratio.transfer}× a new conversation, escalation ${fast.ratio.escalation}×`);
    process.env.SWITCHBOARD_SQLITE_FAST_PATH = "off";
    const general = await measurePath(args, seeded.queueId, front);
    delete process.env.SWITCHBOARD_SQLITE_FAST_PATH;
    log(NAME, `general path: transfer ${general.ratio.transfer}×, escalation ${general.ratio.escalation}×`);
    await pointEngineAt(seeded.file); // settles the last after-commit work before the file is checked
    for (const v of invariantsOf(seeded.file)) violations.push(`${v.rule} (${v.rows.length} rows)`);
    return {
      setup: { representatives: s.representatives, aiAgents: s.aiAgents, samples: s.samples },
      fast,
      general,
      violations,
    };
  } finally {
    removeDatabase(seeded.file);
  }
}

runAsMain(module, NAME, measureHandback);
