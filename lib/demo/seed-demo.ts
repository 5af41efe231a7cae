import { createAgent } from "@/lib/agents/create-agent";
import type { CreateAgentInput } from "@/lib/agents/schemas";
import { createStaffAccount } from "@/lib/auth/create-staff-account";
import { getDb } from "@/lib/db/client";
import { DEFAULT_INACTIVITY_TIMEOUT_SECONDS } from "@/lib/queues/defaults";
import { addMember } from "@/lib/queues/memberships";
import { createQueue, updateQueue } from "@/lib/queues/save-queue";
import type { CreateQueueInput } from "@/lib/queues/schemas";
import { createRoutingRule } from "@/lib/routing-rules/save-routing-rule";

/**
 * The demo: the queues and agents of both flows in the reference document.
 *
 * Two queues — Sales (Aria, AI, escalates to Sales; Riley, representative)
 * hands back to Feedback (Quinn, AI, runs a short survey; a customer who asks
 * Quinn for a person goes back to Sales).
 * One queue — Support: Sky (AI, capacity 10) > Riley (5) > Bea (AI, 1): the
 * capacity order the reference document asks for.
 */
export async function seedDemo(): Promise<{ created: boolean }> {
  if ((await getDb().queue.count()) > 0) return { created: false };

  const queue = (name: string, priority: number, isDefault = false) =>
    createQueue({
      name,
      priority,
      isDefault,
      assignmentMethod: "highest_capacity",
      capacityUnits: 1,
      wrapUpSeconds: 120,
      overflowAction: "none",
      inactivityTimeoutSeconds: DEFAULT_INACTIVITY_TIMEOUT_SECONDS,
    } satisfies CreateQueueInput);
  const sales = await queue("Sales", 10);
  const feedback = await queue("Feedback", 50);
  const support = await queue("Support", 20, true);
  await updateQueue(sales.id, { overflowAfterSeconds: 300, overflowAction: "transfer", overflowQueueId: support.id });

  const faq = [
    {
      keywords: ["price", "pricing", "cost"],
      answer: "Plans start at $29 per seat per month; annual billing saves 15%.",
    },
    { keywords: ["hours", "open"], answer: "Our team is here Monday to Friday, 8:00–18:00 CET." },
    { keywords: ["refund"], answer: "Refunds are possible within 30 days of purchase." },
  ];
  const survey = [
    { id: "satisfaction", question: "On a scale of 1 to 5, how satisfied are you with the help you received?" },
    { id: "comment", question: "Anything we could do better?" },
  ];
  const agent = async (input: CreateAgentInput) => (await createAgent(input)).agent;
  const ai = (name: string, capacity: number, extra: Partial<Extract<CreateAgentInput, { botType: "builtin" }>>) =>
    agent({ kind: "ai", botType: "builtin", name, capacity, presence: "available", ...extra });

  const aria = await ai("Aria", 10, {
    greeting: "Hi {customerName}, I'm Aria from Sales. What can I help you with?",
    faq,
    escalationQueueId: sales.id,
  });
  // A customer who asks Quinn for a person mid-survey goes back to Sales, where Riley (who may well have handed
  // them over) works; Feedback itself has no representative, and a request for a person must never wait there.
  const quinn = await ai("Quinn", 5, {
    greeting: "Hi {customerName}, I'm Quinn. Thanks for talking with our team!",
    surveyQuestions: survey,
    escalationQueueId: sales.id,
  });
  const sky = await ai("Sky", 10, {
    greeting: "Hi {customerName}, I'm Sky, the Support assistant. How can I help?",
    faq,
    escalationQueueId: support.id,
  });
  const bea = await ai("Bea", 1, {
    greeting: "Hi {customerName}, I'm Bea. Before you go, two quick questions.",
    surveyQuestions: survey,
  });
  const riley = await agent({ kind: "human", name: "Riley Chen", capacity: 5, presence: "available" });
  const jordan = await agent({ kind: "human", name: "Jordan Diaz", capacity: 3, presence: "offline" });

  for (const member of [aria, riley]) await addMember(sales.id, member.id);
  await addMember(feedback.id, quinn.id);
  for (const member of [sky, riley, bea, jordan]) await addMember(support.id, member.id);

  // One account per role; the passwords are in the README (change them before going live).
  for (const account of demoAccounts(riley.id)) await createStaffAccount({ ...account, apiKey: false });

  await createRoutingRule({
    name: "Sales questions",
    queueId: sales.id,
    conditions: [{ field: "topic", op: "in", value: ["sales", "pricing", "buying", "quote"] }],
  });
  return { created: true };
}

export function demoAccounts(rileyAgentId: string) {
  return [
    { name: "Ada Admin", email: "admin@switchboard.local", password: "switchboard-admin", role: "admin" as const },
    {
      name: "Sam Supervisor",
      email: "supervisor@switchboard.local",
      password: "switchboard-supervisor",
      role: "supervisor" as const,
    },
    {
      name: "Riley Chen",
      email: "riley@switchboard.local",
      password: "switchboard-riley",
      role: "representative" as const,
      agentId: rileyAgentId,
    },
  ];
}
