import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

export const listAgents = () => getDb().agent.findMany({ orderBy: [{ kind: "asc" }, { name: "asc" }] });

export async function getAgentOrThrow(id: string) {
  const agent = await getDb().agent.findUnique({ where: { id } });
  if (!agent) throw notFound("agent", id);
  return agent;
}
