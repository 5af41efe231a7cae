import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

/** How many tokens a language-model agent used, in all and in its most recent conversations (admin agent view). */
export async function getModelUsage(agentId: string, recent = 20) {
  const db = getDb();
  if (!(await db.agent.findUnique({ where: { id: agentId }, select: { id: true } }))) throw notFound("agent", agentId);
  const [totals, rows] = await Promise.all([
    db.modelUsage.aggregate({
      where: { agentId },
      _sum: { turns: true, inputTokens: true, outputTokens: true },
      _count: { _all: true },
    }),
    db.modelUsage.findMany({
      where: { agentId },
      orderBy: { updatedAt: "desc" },
      take: recent,
      include: { conversation: { select: { customerName: true, status: true, createdAt: true } } },
    }),
  ]);
  return {
    agentId,
    conversations: totals._count._all,
    turns: totals._sum.turns ?? 0,
    inputTokens: totals._sum.inputTokens ?? 0,
    outputTokens: totals._sum.outputTokens ?? 0,
    recent: rows.map((row) => ({
      conversationId: row.conversationId,
      customerName: row.conversation.customerName,
      status: row.conversation.status,
      startedAt: row.conversation.createdAt.toISOString(),
      turns: row.turns,
      inputTokens: row.inputTokens,
      outputTokens: row.outputTokens,
    })),
  };
}
export type ModelUsageView = Awaited<ReturnType<typeof getModelUsage>>;
