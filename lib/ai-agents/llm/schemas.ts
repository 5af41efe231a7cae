import { z } from "zod";

/** The admin's "Try it" sandbox (try-agent.ts): the transcript so far, kept by the panel, never stored. */
export const tryAgentSchema = z.strictObject({
  messages: z
    .array(z.strictObject({ role: z.enum(["customer", "agent"]), text: z.string().trim().min(1).max(4000) }))
    .max(100),
  /** Facts recorded earlier in this sandbox conversation (record_fact). */
  facts: z.record(z.string().max(40), z.string().max(500)).optional(),
});
export type TryAgentInput = z.infer<typeof tryAgentSchema>;
