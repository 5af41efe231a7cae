import { inTransaction } from "@/lib/engine/unit-of-work";
import { notFound } from "@/lib/errors";
import type { CreateRoutingRuleInput, UpdateRoutingRuleInput } from "./schemas";

export function createRoutingRule(input: CreateRoutingRuleInput) {
  return inTransaction(async (tx) => {
    if (!(await tx.queue.findUnique({ where: { id: input.queueId } }))) throw notFound("queue", input.queueId);
    const last = await tx.routingRule.aggregate({ _max: { position: true } });
    const position = input.position ?? (last._max.position ?? 0) + 10;
    return tx.routingRule.create({ data: { ...input, position, conditions: input.conditions as object[] } });
  });
}

export function updateRoutingRule(ruleId: string, input: UpdateRoutingRuleInput) {
  return inTransaction(async (tx) => {
    if (!(await tx.routingRule.findUnique({ where: { id: ruleId } }))) throw notFound("routing rule", ruleId);
    if (input.queueId && !(await tx.queue.findUnique({ where: { id: input.queueId } })))
      throw notFound("queue", input.queueId);
    return tx.routingRule.update({
      where: { id: ruleId },
      data: { ...input, conditions: input.conditions as object[] | undefined },
    });
  });
}

export function deleteRoutingRule(ruleId: string) {
  return inTransaction(async (tx) => {
    const { count } = await tx.routingRule.deleteMany({ where: { id: ruleId } });
    if (count === 0) throw notFound("routing rule", ruleId);
  });
}
