import { z } from "zod";

/**
 * Everything a customer may read of their own conversation — and nothing else.
 *
 * A whitelist: every object is strict (exactly these keys), and the server
 * builds each one field by field from the staff data (to-customer-view.ts), per
 * timeline event type. An event type without a mapping is never sent to a
 * customer, and a field added to a staff event stays staff-only until it is
 * added here on purpose. Notes, hand-off summaries, routing explanations,
 * other agents, presence, capacity and the context sent to AI agents have no
 * place in these schemas, so they cannot reach a customer.
 *
 * Shared by the route handlers (what is sent), the OpenAPI document (what is
 * promised) and the customer's chat (what it reads).
 */
const at = z.string().meta({ format: "date-time" });
const agentKind = z.enum(["ai", "human"]);

/** Who is answering or speaking: the display name, and whether it is an AI agent or a person. Never an id. */
export const customerSpeakerSchema = z.strictObject({ name: z.string(), kind: agentKind });

/** The customer's place in line; the estimate is null when there is no history to estimate from. */
export const customerWaitingSchema = z.strictObject({
  position: z.number().int().min(1),
  estimatedWaitSeconds: z.number().int().nullable(),
});

export const customerConversationSchema = z.strictObject({
  id: z.string(),
  status: z.enum(["open", "active", "wrap_up", "closed"]),
  /** Who holds the conversation (once it ended: who held it last); null while it waits in line. */
  answering: customerSpeakerSchema.nullable(),
  /** While it waits: the place in line and the estimate. */
  waiting: customerWaitingSchema.nullable(),
});

const customerSenderSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("customer") }),
  z.strictObject({ type: z.literal("agent"), name: z.string(), kind: agentKind }),
  /** Switchboard itself: a notice written for the customer (lib/conversations/add-system-message.ts). */
  z.strictObject({ type: z.literal("system") }),
]);

/** A button offered with an AI agent's message (e.g. 1 to 5 for a survey question): pressing it sends `value`. */
export const customerChoiceSchema = z.strictObject({ label: z.string(), value: z.string() });

export const customerMessageSchema = z.strictObject({
  id: z.string(),
  text: z.string(),
  at,
  sender: customerSenderSchema,
  /** Only on an AI agent's line that offers answers as buttons; the customer may still type anything. */
  choices: z.array(customerChoiceSchema).max(12).optional(),
});

/** `seq` is the conversation's own sequence number: the stream's frame id, so Last-Event-ID resumes exactly. */
const event = { seq: z.number().int().min(1), at };
export const customerEventSchema = z.discriminatedUnion("type", [
  z.strictObject({ ...event, type: z.literal("message"), message: customerMessageSchema }),
  z.strictObject({ ...event, type: z.literal("agent.joined"), agent: customerSpeakerSchema }),
  z.strictObject({ ...event, type: z.literal("agent.left"), agent: customerSpeakerSchema }),
  /** The conversation waits in line (again). */
  z.strictObject({ ...event, type: z.literal("queued"), position: z.number().int().min(1) }),
  /** A representative ended the chat. */
  z.strictObject({ ...event, type: z.literal("ended"), agent: customerSpeakerSchema }),
  /**
   * Closed: by the customer leaving, by the support side (wrap-up done, an AI agent's goodbye, overflow…), or
   * because the customer was away longer than the queue allows (inactivity) — so a customer coming back is told why.
   */
  z.strictObject({ ...event, type: z.literal("closed"), by: z.enum(["customer", "support", "inactivity"]) }),
]);

/**
 * A reply an AI agent (a language model) is still writing: `draft` frames on the customer's stream, added here on
 * purpose (lib/ai-agents/llm/draft.ts). Each carries the next piece of text (`text`, a delta) numbered from 0 per
 * draft; the last says `done`. Not timeline events — no sequence number, nothing stored: the finished reply arrives
 * once, as a `message`. Only the speaker's display name, never an id.
 */
export const customerDraftSchema = z.strictObject({
  draftId: z.string(),
  n: z.number().int().min(0),
  text: z.string(),
  done: z.boolean(),
  sender: customerSpeakerSchema,
});

export const customerStartedSchema = z.strictObject({
  conversation: customerConversationSchema,
  /** The customer's bearer token for this conversation, shown once. */
  customerToken: z.string(),
});

export type CustomerSpeaker = z.infer<typeof customerSpeakerSchema>;
export type CustomerWaiting = z.infer<typeof customerWaitingSchema>;
export type CustomerConversation = z.infer<typeof customerConversationSchema>;
export type CustomerMessage = z.infer<typeof customerMessageSchema>;
export type CustomerChoice = z.infer<typeof customerChoiceSchema>;
export type CustomerSender = CustomerMessage["sender"];
export type CustomerEvent = z.infer<typeof customerEventSchema>;
export type CustomerStarted = z.infer<typeof customerStartedSchema>;
export type CustomerDraft = z.infer<typeof customerDraftSchema>;
