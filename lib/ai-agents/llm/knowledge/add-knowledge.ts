import { inTransaction } from "@/lib/engine/unit-of-work";
import { invalidState, notFound } from "@/lib/errors";
import { documentChunks, faqChunks } from "./chunk-text";
import { type AddKnowledgeInput, MAX_SOURCES_PER_AGENT } from "./schemas";

/** Adds a FAQ entry or a document to a language-model agent's knowledge, chunked and indexed in the same transaction. */
export function addKnowledge(agentId: string, input: AddKnowledgeInput) {
  return inTransaction(async (tx) => {
    const agent = await tx.agent.findUnique({ where: { id: agentId }, select: { botType: true } });
    if (!agent) throw notFound("agent", agentId);
    if (agent.botType !== "llm") {
      throw invalidState("only a language-model agent has knowledge to search", { state: agent.botType ?? "human" });
    }
    if ((await tx.knowledgeSource.count({ where: { agentId } })) >= MAX_SOURCES_PER_AGENT) {
      throw invalidState(`an agent holds at most ${MAX_SOURCES_PER_AGENT} knowledge sources`, { state: "full" });
    }
    const [title, body, chunks] =
      input.kind === "faq"
        ? [input.question, input.answer, faqChunks(input.question, input.answer)]
        : [input.title, input.text, documentChunks(input.title, input.text)];
    const source = await tx.knowledgeSource.create({ data: { agentId, kind: input.kind, title, body } });
    // One row at a time: the full-text index is kept by triggers on each insert (FTS5), or reads the rows (tsvector).
    for (const [position, text] of chunks.entries()) {
      await tx.knowledgeChunk.create({ data: { sourceId: source.id, agentId, position, text } });
    }
    return toKnowledgeView({ ...source, _count: { chunks: chunks.length } });
  });
}

const PREVIEW_CHARS = 280;

/** A source as the admin console lists it: a document's text previewed, not sent whole. */
export function toKnowledgeView(source: {
  id: string;
  kind: string;
  title: string;
  body: string;
  createdAt: Date;
  _count: { chunks: number };
}) {
  const long = source.kind === "document" && source.body.length > PREVIEW_CHARS;
  return {
    id: source.id,
    kind: source.kind as "faq" | "document",
    title: source.title,
    body: long ? `${source.body.slice(0, PREVIEW_CHARS)}…` : source.body,
    length: source.body.length,
    chunks: source._count.chunks,
    createdAt: source.createdAt.toISOString(),
  };
}
export type KnowledgeView = ReturnType<typeof toKnowledgeView>;
