import { createAgent } from "@/lib/agents/create-agent";
import type { CreateAgentInput } from "@/lib/agents/schemas";
import { addMember } from "@/lib/queues/memberships";
import { createQueue } from "@/lib/queues/save-queue";
import type { CreateQueueInput } from "@/lib/queues/schemas";

/** Small builders over the real use cases, so tests read like the reference document's steps. */
let counter = 0;
const unique = (prefix: string) => `${prefix} ${++counter}`;

export function buildQueue(overrides: Partial<CreateQueueInput> = {}) {
  return createQueue({
    name: unique("Queue"),
    assignmentMethod: "highest_capacity",
    priority: 100,
    isDefault: false,
    capacityUnits: 1,
    wrapUpSeconds: 120,
    overflowAction: "none",
    ...overrides,
  } as CreateQueueInput);
}

export async function buildRep(
  options: {
    name?: string;
    capacity?: number;
    presence?: "available" | "busy" | "away" | "offline" | "do_not_disturb";
    queues?: string[];
  } = {},
) {
  const { agent } = await createAgent({
    kind: "human",
    name: options.name ?? unique("Rep"),
    capacity: options.capacity ?? 1,
    presence: options.presence ?? "available",
  });
  for (const queueId of options.queues ?? []) await addMember(queueId, agent.id);
  return agent;
}

export async function buildAiAgent(
  options: Partial<Extract<CreateAgentInput, { botType: "builtin" }>> & { queues?: string[] } = {},
) {
  const { queues = [], ...fields } = options;
  const { agent } = await createAgent({
    kind: "ai",
    botType: "builtin",
    capacity: 1,
    presence: "available",
    ...fields,
    name: fields.name ?? unique("AI"),
  });
  for (const queueId of queues) await addMember(queueId, agent.id);
  return agent;
}

/** A language-model AI agent pointed at a model server (e2e/support/model-server.ts), in the given queues. */
export async function buildLlmAgent(
  options: { baseUrl: string; queues?: string[] } & Partial<
    Omit<Extract<CreateAgentInput, { botType: "llm" }>, "kind" | "botType">
  >,
) {
  const { queues = [], baseUrl, ...fields } = options;
  const { agent } = await createAgent({
    kind: "ai",
    botType: "llm",
    capacity: 1,
    presence: "available",
    modelName: "test-model",
    instructions: "You are the support assistant of Example Ltd.",
    replyTimeoutMs: 5_000,
    ...fields,
    modelBaseUrl: baseUrl,
    name: fields.name ?? unique("LLM"),
  });
  for (const queueId of queues) await addMember(queueId, agent.id);
  return agent;
}
