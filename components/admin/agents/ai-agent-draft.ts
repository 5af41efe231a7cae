import type { AgentView, CreateAgentBody, QueueView, UpdateAgentBody } from "@/lib/client/admin";
import { rowKey } from "../row-key";
import type { FaqDraft, SurveyDraft } from "./list-editors";

/** The AI agent form's state (strings, as typed) and its conversion to the API's bodies. */
export interface AiAgentDraft {
  botType: "builtin" | "botframework" | "llm";
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
  // Language model (botType "llm").
  modelBaseUrl: string;
  modelName: string;
  /** "" = keep the stored key (edit) / none (create); the stored key is never shown. */
  modelApiKey: string;
  /** Edit only: remove the stored key. */
  removeApiKey: boolean;
  instructions: string;
  temperature: string;
  maxTurns: string;
  maxTokens: string;
  transferQueueIds: string[];
}

export function toDraft(agent: AgentView | undefined, queues: QueueView[]): AiAgentDraft {
  return {
    botType: agent?.botType === "botframework" || agent?.botType === "llm" ? agent.botType : "builtin",
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
    modelBaseUrl: agent?.modelBaseUrl ?? "",
    modelName: agent?.modelName ?? "",
    modelApiKey: "",
    removeApiKey: false,
    instructions: agent?.instructions ?? "",
    temperature: agent?.temperature == null ? "" : String(agent.temperature),
    maxTurns: agent?.maxTurns == null ? "" : String(agent.maxTurns),
    maxTokens: agent?.maxTokens == null ? "" : String(agent.maxTokens),
    transferQueueIds: agent?.transferQueueIds ?? [],
  };
}

/** A number field: empty means "not set" (null); anything else is sent as typed, for the API to judge. */
const optionalNumber = (text: string) => (text.trim() === "" ? null : Number(text));

/** What a language-model agent sends, creating and editing alike (the API key only when one is typed). */
function modelFields(draft: AiAgentDraft, editing: boolean) {
  const apiKey = draft.modelApiKey.trim();
  return {
    modelBaseUrl: draft.modelBaseUrl.trim(),
    modelName: draft.modelName,
    instructions: draft.instructions,
    temperature: optionalNumber(draft.temperature),
    maxTurns: optionalNumber(draft.maxTurns),
    maxTokens: optionalNumber(draft.maxTokens),
    transferQueueIds: draft.transferQueueIds,
    replyTimeoutMs: Number(draft.replyTimeoutMs),
    ...(apiKey ? { modelApiKey: apiKey } : editing && draft.removeApiKey ? { modelApiKey: null } : {}),
  };
}

const keywords = (text: string) =>
  text
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);

/** The fields both creating and editing send. */
function common(draft: AiAgentDraft, editing: boolean) {
  const fields = {
    name: draft.name,
    capacity: draft.capacity.trim() === "" ? 1 : Number(draft.capacity),
    greeting: draft.greeting.trim() || null,
    escalationQueueId: draft.escalationQueueId || null,
  };
  if (draft.botType === "botframework") {
    return { ...fields, endpointUrl: draft.endpointUrl.trim(), replyTimeoutMs: Number(draft.replyTimeoutMs) };
  }
  if (draft.botType === "llm") return { ...fields, ...modelFields(draft, editing) };
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
    ...common(draft, false),
  } as CreateAgentBody;
}

export function toUpdateBody(draft: AiAgentDraft): UpdateAgentBody {
  return common(draft, true) as UpdateAgentBody;
}
