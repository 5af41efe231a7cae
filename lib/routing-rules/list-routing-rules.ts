import { getDb } from "@/lib/db/client";

/** Rules in evaluation order, and which queue catches what none of them match. */
export async function listRoutingRules() {
  const db = getDb();
  const [rules, defaultQueue] = await Promise.all([
    db.routingRule.findMany({ orderBy: { position: "asc" }, include: { queue: { select: { id: true, name: true } } } }),
    db.queue.findFirst({ where: { isDefault: true }, select: { id: true, name: true } }),
  ]);
  return { rules, defaultQueue };
}
