import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { toKnowledgeView } from "./add-knowledge";

/** An agent's knowledge sources, newest first. */
export async function listKnowledge(agentId: string) {
  const db = getDb();
  if (!(await db.agent.findUnique({ where: { id: agentId }, select: { id: true } }))) throw notFound("agent", agentId);
  const sources = await db.knowledgeSource.findMany({
    where: { agentId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: { _count: { select: { chunks: true } } },
  });
  return sources.map(toKnowledgeView);
}
