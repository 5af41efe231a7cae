import { z } from "zod";
import { conditionSchema } from "./match-rule";

export const createRoutingRuleSchema = z.strictObject({
  name: z.string().trim().min(1, "must not be empty").max(120),
  queueId: z.string().trim().min(1).max(100),
  conditions: z.array(conditionSchema).max(20).default([]),
  /** Where it goes in the order; omitted = last. */
  position: z.number().int().min(0).max(100_000).optional(),
});
export const updateRoutingRuleSchema = z.strictObject({
  name: z.string().trim().min(1, "must not be empty").max(120).optional(),
  queueId: z.string().trim().min(1).max(100).optional(),
  conditions: z.array(conditionSchema).max(20).optional(),
  position: z.number().int().min(0).max(100_000).optional(),
});
export type CreateRoutingRuleInput = z.infer<typeof createRoutingRuleSchema>;
export type UpdateRoutingRuleInput = z.infer<typeof updateRoutingRuleSchema>;
