import type { AgentView, CreateAgentBody, QueueView, UpdateAgentBody } from "@/lib/client/admin";
import { rowKey } from "../row-key";
import type { FaqDraft, SurveyDraft } from "./list-editors";

/** The AI agent form's state (strings, as typed) and its conversion to the API's bodies. */
export interface AiAgentDraft {
  botType: "builtin" | "botframework";
  name: string;
  capacity: string;
  enabled: boolean;
  greeting: string;
  /** "" = escalate into the queue the conversation is in. */
  escalationQueueId: string;
  faq: FaqDraft[];
  survey: SurveyDraft[];
  endpointUrl: string;
  replyTimeoutMs: string;
  queueIds: string[];
}

export function toDraft(agent: AgentView | undefined, queues: QueueView[]): AiAgentDraft {
  return {
    botType: agent?.botType === "botframework" ? "botframework" : "builtin",
    name: agent?.name ?? "",
    capacity: String(agent?.capacity ?? 1),
    enabled: agent ? agent.presence === "available" : true,
    greeting: agent?.greeting ?? "",
    escalationQueueId: agent?.escalationQueueId ?? "",
    faq: (agent?.faq ?? []).map((e) => ({ key: rowKey(), keywords: e.keywords.join(", "), answer: e.answer })),
    survey: (agent?.surveyQuestions ?? []).map((q) => ({ key: rowKey(), ...q })),
    endpointUrl: agent?.endpointUrl ?? "",
    replyTimeoutMs: String(agent?.replyTimeoutMs ?? 10_000),
    queueIds: agent ? queues.filter((q) => q.memberships.some((m) => m.agentId === agent.id)).map((q) => q.id) : [],
  };
}

const keywords = (text: string) =>
  text
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);

/** The fields both creating and editing send. */
function common(draft: AiAgentDraft) {
  const fields = {
    name: draft.name,
    capacity: draft.capacity.trim() === "" ? 1 : Number(draft.capacity),
    greeting: draft.greeting.trim() || null,
    escalationQueueId: draft.escalationQueueId || null,
  };
  if (draft.botType === "botframework") {
    return { ...fields, endpointUrl: draft.endpointUrl.trim(), replyTimeoutMs: Number(draft.replyTimeoutMs) };
  }
  return {
    ...fields,
    faq: draft.faq.map((e) => ({ keywords: keywords(e.keywords), answer: e.answer })),
    surveyQuestions: draft.survey.map((q) => ({ id: q.id, question: q.question })),
  };
}

export function toCreateBody(draft: AiAgentDraft): CreateAgentBody {
  return {
    kind: "ai",
    botType: draft.botType,
    presence: draft.enabled ? "available" : "offline",
    ...common(draft),
  } as CreateAgentBody;
}

export function toUpdateBody(draft: AiAgentDraft): UpdateAgentBody {
  return common(draft) as UpdateAgentBody;
}
