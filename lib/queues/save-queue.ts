import type { Queue } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db/transaction";
import { type Effects, inTransaction } from "@/lib/engine/unit-of-work";
import { AppError, invalidState, notFound } from "@/lib/errors";
import type { CreateQueueInput, UpdateQueueInput } from "./schemas";

/** Creates a queue. At most one queue is the default: naming a new one moves the flag. */
export function createQueue(input: CreateQueueInput) {
  return inTransaction(async (tx) => {
    await requireUniqueName(tx, input.name, null);
    await requireOverflowTarget(tx, input.overflowQueueId ?? null, null);
    if (input.isDefault) await tx.queue.updateMany({ where: { isDefault: true }, data: { isDefault: false } });
    return tx.queue.create({ data: input });
  });
}

/** Edits a queue; a change in method or units may let waiting conversations in. */
export function updateQueue(queueId: string, input: UpdateQueueInput) {
  return inTransaction(async (tx, fx: Effects) => {
    const queue = await tx.queue.findUnique({ where: { id: queueId } });
    if (!queue) throw notFound("queue", queueId);
    if (input.name) await requireUniqueName(tx, input.name, queueId);
    const merged = { ...queue, ...input } as Queue;
    if (merged.overflowAction === "transfer" && !merged.overflowQueueId) {
      throw new AppError("validation_failed", 'overflowQueueId: required when overflowAction is "transfer"', {
        fields: { overflowQueueId: ['required when overflowAction is "transfer"'] },
      });
    }
    await requireOverflowTarget(tx, input.overflowQueueId ?? null, queueId);
    if (input.isDefault)
      await tx.queue.updateMany({ where: { isDefault: true, NOT: { id: queueId } }, data: { isDefault: false } });
    const updated = await tx.queue.update({ where: { id: queueId }, data: input });
    fx.queuesToServe.add(queueId);
    return updated;
  });
}

/** Deletes a queue nobody is waiting in or being served through. */
export function deleteQueue(queueId: string) {
  return inTransaction(async (tx) => {
    const queue = await tx.queue.findUnique({ where: { id: queueId } });
    if (!queue) throw notFound("queue", queueId);
    const live = await tx.conversation.count({ where: { queueId, status: { in: ["open", "active", "wrap_up"] } } });
    if (live > 0) throw invalidState(`${live} conversation(s) are still in ${queue.name}`, { state: "queue_in_use" });
    await tx.queue.delete({ where: { id: queueId } });
  });
}

async function requireUniqueName(tx: Tx, name: string, exceptId: string | null) {
  const clash = await tx.queue.findUnique({ where: { name } });
  if (clash && clash.id !== exceptId)
    throw invalidState(`a queue named "${name}" already exists`, { state: "name_taken", field: "name" });
}

async function requireOverflowTarget(tx: Tx, overflowQueueId: string | null, selfId: string | null) {
  if (!overflowQueueId) return;
  if (overflowQueueId === selfId) {
    throw new AppError("validation_failed", "overflowQueueId: a queue cannot overflow into itself", {
      fields: { overflowQueueId: ["a queue cannot overflow into itself"] },
    });
  }
  if (!(await tx.queue.findUnique({ where: { id: overflowQueueId } }))) throw notFound("queue", overflowQueueId);
}
