import { z } from "zod";
import { MAX_MESSAGE_CHARS } from "./message-limits";

/** Request and response shapes for conversations, shared by route handlers, the OpenAPI document and the consoles. */
const id = z.string().trim().min(1).max(100);
const text = z.string().trim().min(1, "must not be empty").max(MAX_MESSAGE_CHARS);
/** Pre-chat answers and the like: any JSON object, up to 16 KB (it travels in every set-context event). */
export const MAX_CONTEXT_BYTES = 16_384;
export const customContextSchema = z
  .record(z.string(), z.unknown())
  .refine(
    (value) => JSON.stringify(value).length <= MAX_CONTEXT_BYTES,
    `must be at most ${MAX_CONTEXT_BYTES} bytes as JSON`,
  );

export const startConversationSchema = z.strictObject({
  customer: z.strictObject({ name: z.string().trim().min(1, "must not be empty").max(200) }),
  topic: z.string().trim().max(200).optional(),
  context: customContextSchema.optional(),
  queueId: id.optional(),
});
export type StartConversationInput = z.infer<typeof startConversationSchema>;

export const postMessageSchema = z.strictObject({
  text,
  /** The acting representative; omitted when the customer (bearer token) writes. */
  byAgentId: id.optional(),
});

/** The chat's "Talk to a person": nothing to say beyond the request itself. */
export const requestPersonSchema = z.strictObject({});

export const transferSchema = z
  .strictObject({
    toAgentId: id.optional(),
    toQueueId: id.optional(),
    note: z.string().trim().max(2000).optional(),
    byAgentId: id.optional(),
  })
  .refine((b) => Boolean(b.toAgentId) !== Boolean(b.toQueueId), {
    message: "give exactly one of toAgentId or toQueueId",
    path: ["toAgentId"],
  });
export type TransferInput = z.infer<typeof transferSchema>;

export const endSchema = z.strictObject({ byAgentId: id.optional(), notes: z.string().trim().max(4000).optional() });
export const closeSchema = z.strictObject({ byAgentId: id.optional(), notes: z.string().trim().max(4000).optional() });

export const listConversationsQuery = z.strictObject({
  status: z.enum(["open", "active", "wrap_up", "closed"]).optional(),
  queueId: id.optional(),
  assigneeId: id.optional(),
  /** "true": only conversations the customer went away from whose wrap-up is still to do (a representative's inbox). */
  awaitingWrapUp: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const assignSchema = z.strictObject({ agentId: id });

/** A sequence number in a query string: digits only, since `Number(" ")` would quietly make a blank value 0. */
const seqParam = z
  .string()
  .trim()
  .regex(/^\d+$/, "must be a whole number")
  .transform(Number)
  .pipe(z.number().max(2_147_483_647));

export const timelineQuery = z.object({
  /** Only events after this sequence number (resuming). */
  afterSeq: seqParam.default(0),
  /** The customer's token, for clients that cannot send an Authorization header. */
  token: z.string().optional(),
});
