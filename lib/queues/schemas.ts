import { z } from "zod";
import { assignmentMethodNames } from "@/lib/routing/methods";
import { DEFAULT_INACTIVITY_TIMEOUT_SECONDS } from "./defaults";

const id = z.string().trim().min(1).max(100);

const queueFields = {
  name: z.string().trim().min(1, "must not be empty").max(120),
  assignmentMethod: z.enum(assignmentMethodNames as [string, ...string[]]),
  priority: z.number().int().min(0).max(10_000),
  isDefault: z.boolean(),
  capacityUnits: z.number().int().min(1).max(100),
  wrapUpSeconds: z.number().int().min(0).max(86_400),
  overflowAfterSeconds: z.number().int().min(1).max(86_400).nullable(),
  overflowAction: z.enum(["none", "transfer", "end"]),
  overflowQueueId: id.nullable(),
  overflowMessage: z.string().trim().max(1000).nullable(),
  /** Seconds a customer may be away (no chat window open, nothing written) before the chat ends as abandoned; null = never. */
  inactivityTimeoutSeconds: z.number().int().min(1).max(86_400).nullable(),
};

export const createQueueSchema = z
  .strictObject({
    ...queueFields,
    assignmentMethod: queueFields.assignmentMethod.default("highest_capacity"),
    priority: queueFields.priority.default(100),
    isDefault: queueFields.isDefault.default(false),
    capacityUnits: queueFields.capacityUnits.default(1),
    wrapUpSeconds: queueFields.wrapUpSeconds.default(120),
    overflowAfterSeconds: queueFields.overflowAfterSeconds.optional(),
    overflowAction: queueFields.overflowAction.default("none"),
    overflowQueueId: queueFields.overflowQueueId.optional(),
    overflowMessage: queueFields.overflowMessage.optional(),
    inactivityTimeoutSeconds: queueFields.inactivityTimeoutSeconds.default(DEFAULT_INACTIVITY_TIMEOUT_SECONDS),
  })
  .refine((q) => q.overflowAction !== "transfer" || q.overflowQueueId, {
    message: 'required when overflowAction is "transfer"',
    path: ["overflowQueueId"],
  });
export type CreateQueueInput = z.infer<typeof createQueueSchema>;

export const updateQueueSchema = z.strictObject({
  name: queueFields.name.optional(),
  assignmentMethod: queueFields.assignmentMethod.optional(),
  priority: queueFields.priority.optional(),
  isDefault: queueFields.isDefault.optional(),
  capacityUnits: queueFields.capacityUnits.optional(),
  wrapUpSeconds: queueFields.wrapUpSeconds.optional(),
  overflowAfterSeconds: queueFields.overflowAfterSeconds.optional(),
  overflowAction: queueFields.overflowAction.optional(),
  overflowQueueId: queueFields.overflowQueueId.optional(),
  overflowMessage: queueFields.overflowMessage.optional(),
  inactivityTimeoutSeconds: queueFields.inactivityTimeoutSeconds.optional(),
});
export type UpdateQueueInput = z.infer<typeof updateQueueSchema>;
