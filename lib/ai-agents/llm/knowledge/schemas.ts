import { z } from "zod";

/** A FAQ entry (one question, its answer) or a document (pasted, or an uploaded Markdown or text file's contents). */
export const addKnowledgeSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("faq"),
    question: z.string().trim().min(1, "must not be empty").max(500),
    answer: z.string().trim().min(1, "must not be empty").max(4000),
  }),
  z.strictObject({
    kind: z.literal("document"),
    /** Its file name when uploaded. */
    title: z.string().trim().min(1, "must not be empty").max(200),
    text: z.string().trim().min(1, "must not be empty").max(500_000, "is longer than 500,000 characters"),
  }),
]);
export type AddKnowledgeInput = z.infer<typeof addKnowledgeSchema>;

/** How many sources one agent may hold: searches stay quick and the admin's list readable. */
export const MAX_SOURCES_PER_AGENT = 1000;
