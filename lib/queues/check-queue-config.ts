import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

/**
 * The configuration checker: finds, from configuration alone, the queues in
 * which a customer would get stuck — before any customer meets the problem.
 * `checkQueueConfig` is pure (plain data in, warnings out); `loadQueueCheck`
 * loads that data for one queue.
 */
export type CheckSeverity = "error" | "warning";

export type CheckCode =
  | "hand_back_capacity_order" // (a) the one-queue hand-back flow cannot reach the second AI agent
  | "hand_back_method" // (a) the one-queue hand-back flow relies on highest capacity
  | "escalation_queue_without_representative" // (b)
  | "no_eligible_member" // (c)
  | "overflow_loop" // (d)
  | "hand_back_target_offline"; // (e)

export interface CheckWarning {
  code: CheckCode;
  severity: CheckSeverity;
  message: string;
}

export interface CheckAgent {
  id: string;
  name: string;
  kind: string; // "ai" | "human"
  capacity: number;
  presence: string;
  escalationQueueId: string | null;
}

export interface CheckQueue {
  id: string;
  name: string;
  assignmentMethod: string;
  overflowAction: string; // none | transfer | end
  overflowQueueId: string | null;
  memberIds: string[];
}

interface Members {
  ai: CheckAgent[];
  reps: CheckAgent[];
  all: CheckAgent[];
}

interface Context {
  queue: CheckQueue;
  members: Members;
  queues: Map<string, CheckQueue>;
  agents: Map<string, CheckAgent>;
}

type Check = (context: Context) => CheckWarning[];

const byCapacityDesc = (a: CheckAgent, b: CheckAgent) => b.capacity - a.capacity;
const list = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;

function membersOf(queue: CheckQueue, agents: Map<string, CheckAgent>): Members {
  const all = queue.memberIds.map((id) => agents.get(id)).filter((a): a is CheckAgent => a !== undefined);
  return { all, ai: all.filter((a) => a.kind === "ai"), reps: all.filter((a) => a.kind === "human") };
}

/** Where an AI agent's escalations go: its escalation queue, else the queue the conversation is in. */
const escalatesTo = (agent: CheckAgent, queue: CheckQueue) => agent.escalationQueueId ?? queue.id;

/**
 * The one-queue flow ("Two agents in one queue"): the queue holds Agent A (escalates here), a
 * representative and Agent B. A must win new chats (highest capacity); when A escalates, A is
 * excluded and the representative must beat B; when the representative hands back, both are
 * excluded and only B remains. Returns A and B when the queue is set up for that flow.
 */
function oneQueueHandBack({ queue, members }: Context) {
  if (members.ai.length < 2 || members.reps.length === 0) return null;
  const escalatingHere = members.ai.filter((a) => escalatesTo(a, queue) === queue.id).sort(byCapacityDesc);
  const agentA = escalatingHere[0];
  if (!agentA) return null;
  const others = members.ai.filter((a) => a.id !== agentA.id).sort(byCapacityDesc);
  const agentB = others[others.length - 1];
  return agentB ? { agentA, agentB } : null;
}

const handBackCapacityOrder: Check = (context) => {
  const flow = oneQueueHandBack(context);
  if (!flow) return [];
  const { agentA, agentB } = flow;
  const warnings: CheckWarning[] = [];
  const rivals = context.members.all.filter((a) => a.id !== agentA.id && a.capacity >= agentA.capacity);
  if (rivals.length > 0) {
    warnings.push({
      code: "hand_back_capacity_order",
      severity: "warning",
      message:
        `${agentA.name} escalates into this queue, so it must have the highest capacity to take new chats first, ` +
        `but ${list(rivals.map((r) => `${r.name} (${r.capacity})`))} ${rivals.length === 1 ? "has" : "have"} ` +
        `as much or more than its ${agentA.capacity}. Set capacities so ${agentA.name} > representatives > ${agentB.name}.`,
    });
  }
  const below = context.members.reps.filter((rep) => rep.capacity <= agentB.capacity);
  if (below.length > 0) {
    warnings.push({
      code: "hand_back_capacity_order",
      severity: "warning",
      message:
        `${list(below.map((r) => `${r.name} (${r.capacity})`))} ${below.length === 1 ? "is" : "are"} not above ` +
        `${agentB.name} (${agentB.capacity}): when ${agentA.name} escalates, the conversation goes to ${agentB.name} ` +
        `instead of a representative, so a hand-back would never reach ${agentB.name}. ` +
        `Give representatives a capacity above ${agentB.capacity}.`,
    });
  }
  return warnings;
};

const handBackMethod: Check = (context) => {
  const flow = oneQueueHandBack(context);
  if (!flow || context.queue.assignmentMethod === "highest_capacity") return [];
  return [
    {
      code: "hand_back_method",
      severity: "warning",
      message:
        `This queue holds ${flow.agentA.name}, a representative and ${flow.agentB.name}: the one-queue hand-back ` +
        `relies on capacities, which only the "highest capacity" assignment method honours.`,
    },
  ];
};

const escalationWithoutRepresentative: Check = ({ queue, members, queues, agents }) =>
  members.ai.flatMap((agent): CheckWarning[] => {
    const target = queues.get(escalatesTo(agent, queue));
    if (!target || membersOf(target, agents).reps.length > 0) return [];
    const where = target.id === queue.id ? "this queue" : `“${target.name}”`;
    return [
      {
        code: "escalation_queue_without_representative",
        severity: "error",
        message: `${agent.name} escalates to ${where}, which has no representative: a customer who asks for a person will wait there with nobody to take the conversation.`,
      },
    ];
  });

const noEligibleMember: Check = ({ members }) => {
  if (members.all.length === 0) {
    return [
      {
        code: "no_eligible_member",
        severity: "error",
        message: "This queue has no members: every conversation routed here waits until it overflows.",
      },
    ];
  }
  if (members.reps.length === 0 && members.ai.every((a) => a.presence !== "available")) {
    return [
      {
        code: "no_eligible_member",
        severity: "error",
        message: `No member can take a conversation: there is no representative and ${members.ai.length === 1 ? "its only AI agent is" : "all its AI agents are"} offline.`,
      },
    ];
  }
  return [];
};

const overflowLoop: Check = ({ queue, queues }) => {
  const path = [queue.name];
  const seen = new Set([queue.id]);
  let current = queue;
  while (current.overflowAction === "transfer" && current.overflowQueueId) {
    const next = queues.get(current.overflowQueueId);
    if (!next) return [];
    path.push(next.name);
    if (next.id === queue.id) {
      return [
        {
          code: "overflow_loop",
          severity: "warning",
          message: `Overflow goes round in a loop (${path.join(" → ")}): a conversation nobody takes bounces between these queues until the overflow limit ends it.`,
        },
      ];
    }
    if (seen.has(next.id)) return []; // a loop further on, reported on the queues inside it
    seen.add(next.id);
    current = next;
  }
  return [];
};

const handBackTargetOffline: Check = ({ members }) => {
  if (members.ai.length === 0 || members.reps.length > 0 || members.ai.some((a) => a.presence === "available"))
    return [];
  return [
    {
      code: "hand_back_target_offline",
      severity: "error",
      message: `Representatives who hand a conversation back to this AI-only queue leave the customer waiting: ${list(members.ai.map((a) => a.name))} ${members.ai.length === 1 ? "is" : "are all"} offline.`,
    },
  ];
};

const checks: Check[] = [
  noEligibleMember,
  handBackTargetOffline,
  escalationWithoutRepresentative,
  handBackCapacityOrder,
  handBackMethod,
  overflowLoop,
];

/** Every problem the queue's configuration would cause, worst first. Pure: no I/O, no clock. */
export function checkQueueConfig(queue: CheckQueue, allQueues: CheckQueue[], agents: CheckAgent[]): CheckWarning[] {
  const agentMap = new Map(agents.map((a) => [a.id, a]));
  const queueMap = new Map(allQueues.map((q) => [q.id, q]));
  queueMap.set(queue.id, queue);
  const context: Context = { queue, members: membersOf(queue, agentMap), queues: queueMap, agents: agentMap };
  const warnings = checks.flatMap((check) => check(context));
  return warnings.sort((a, b) => Number(b.severity === "error") - Number(a.severity === "error"));
}

export interface QueueCheck {
  queueId: string;
  warnings: CheckWarning[];
}

/** Loads the configuration the checker needs (queues, memberships, agents) and checks one queue. */
export async function loadQueueCheck(queueId: string): Promise<QueueCheck> {
  const db = getDb();
  const [queues, agents] = await Promise.all([
    db.queue.findMany({
      select: {
        id: true,
        name: true,
        assignmentMethod: true,
        overflowAction: true,
        overflowQueueId: true,
        memberships: { select: { agentId: true }, orderBy: { joinOrder: "asc" } },
      },
    }),
    db.agent.findMany({
      select: { id: true, name: true, kind: true, capacity: true, presence: true, escalationQueueId: true },
    }),
  ]);
  const all = queues.map(({ memberships, ...q }) => ({ ...q, memberIds: memberships.map((m) => m.agentId) }));
  const queue = all.find((q) => q.id === queueId);
  if (!queue) throw notFound("queue", queueId);
  return { queueId, warnings: checkQueueConfig(queue, all, agents) };
}
