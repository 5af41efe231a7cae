import { z } from "zod";

const name = z.string().trim().min(1, "must not be empty").max(120);
const id = z.string().trim().min(1).max(100);
export const humanPresences = ["available", "busy", "do_not_disturb", "away", "offline"] as const;
export const aiPresences = ["available", "offline"] as const;

export const faqEntrySchema = z.strictObject({
  keywords: z.array(z.string().trim().min(1)).min(1, "give at least one keyword").max(20),
  answer: z.string().trim().min(1).max(2000),
});
export const surveyQuestionSchema = z.strictObject({
  id: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, "letters, digits, _ and - only"),
  question: z.string().trim().min(1).max(500),
});

const aiFields = {
  name,
  capacity: z.number().int().min(1).max(100_000).default(1),
  presence: z.enum(aiPresences).default("available"),
  greeting: z.string().trim().max(1000).nullable().optional(),
  escalationQueueId: id.nullable().optional(),
  faq: z.array(faqEntrySchema).max(200).optional(),
  surveyQuestions: z.array(surveyQuestionSchema).max(20).optional(),
  replyTimeoutMs: z.number().int().min(200).max(120_000).optional(),
};

/**
 * A language-model agent (botType "llm"): an OpenAI-compatible endpoint and what the model is told. The base URL is
 * normalised when saved (lib/ai-agents/llm/model-url.ts); the API key is write-only, like a bot's secret.
 */
const modelBaseUrl = z.url({ protocol: /^https?$/ }).max(500);
const modelName = z.string().trim().min(1, "must not be empty").max(200);
/** Local servers (Ollama, llama.cpp) need none; null on an edit removes the stored one. */
const modelApiKey = z.string().trim().min(1, "must not be empty").max(1000);
const instructions = z.string().trim().max(20_000);
const temperature = z.number().min(0).max(2).nullable();
const maxTurns = z.number().int().min(1).max(10_000).nullable();
const maxTokens = z.number().int().min(100).max(100_000_000).nullable();
const transferQueueIds = z.array(id).max(50);

export const createAgentSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("human"),
    name,
    capacity: z.number().int().min(1).max(1000).default(1),
    presence: z.enum(humanPresences).default("offline"),
  }),
  z.discriminatedUnion("botType", [
    z.strictObject({ kind: z.literal("ai"), botType: z.literal("builtin"), ...aiFields }),
    z.strictObject({
      kind: z.literal("ai"),
      botType: z.literal("botframework"),
      ...aiFields,
      endpointUrl: z.url({ protocol: /^https?$/ }),
      secret: z.string().min(16, "must be at least 16 characters").max(200).optional(),
    }),
    z.strictObject({
      kind: z.literal("ai"),
      botType: z.literal("llm"),
      ...aiFields,
      modelBaseUrl,
      modelName,
      modelApiKey: modelApiKey.optional(),
      instructions: instructions.default(""),
      temperature: temperature.optional(),
      maxTurns: maxTurns.optional(),
      maxTokens: maxTokens.optional(),
      transferQueueIds: transferQueueIds.optional(),
    }),
  ]),
]);
export type CreateAgentInput = z.infer<typeof createAgentSchema>;

/** Edits: any field may change but the agent's kind and bot type. */
export const updateAgentSchema = z.strictObject({
  name: name.optional(),
  capacity: z.number().int().min(1).max(100_000).optional(),
  greeting: z.string().trim().max(1000).nullable().optional(),
  escalationQueueId: id.nullable().optional(),
  faq: z.array(faqEntrySchema).max(200).optional(),
  surveyQuestions: z.array(surveyQuestionSchema).max(20).optional(),
  replyTimeoutMs: z.number().int().min(200).max(120_000).optional(),
  endpointUrl: z.url({ protocol: /^https?$/ }).optional(),
  secret: z.string().min(16, "must be at least 16 characters").max(200).optional(),
  modelBaseUrl: modelBaseUrl.optional(),
  modelName: modelName.optional(),
  modelApiKey: modelApiKey.nullable().optional(),
  instructions: instructions.optional(),
  temperature: temperature.optional(),
  maxTurns: maxTurns.optional(),
  maxTokens: maxTokens.optional(),
  transferQueueIds: transferQueueIds.optional(),
});
export type UpdateAgentInput = z.infer<typeof updateAgentSchema>;

export const setPresenceSchema = z.strictObject({
  presence: z.enum(humanPresences),
  byAgentId: id.optional(),
});
