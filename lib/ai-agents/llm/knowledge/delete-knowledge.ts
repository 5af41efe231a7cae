import { inTransaction } from "@/lib/engine/unit-of-work";
import { notFound } from "@/lib/errors";

/** Removes a source and its chunks (cascaded; the full-text index follows by trigger or expression). */
export function deleteKnowledge(agentId: string, sourceId: string) {
  return inTransaction(async (tx) => {
    const { count } = await tx.knowledgeSource.deleteMany({ where: { id: sourceId, agentId } });
    if (count === 0) throw notFound("knowledge source", sourceId);
  });
}
