import type { Conversation } from "@/generated/prisma/client";
import { AppError, invalidState } from "@/lib/errors";
import type { Actor } from "@/lib/timeline/types";

/**
 * An agent may act only on the conversation it holds; supervisors and the
 * system may act on any. (Who may be a supervisor is the sign-in layer's job.)
 */
export function requireActorMayAct(conversation: Conversation, actor: Actor): void {
  if (actor.type === "agent" && conversation.assigneeId !== actor.id) {
    throw invalidState(`agent ${actor.id} does not hold this conversation`, {
      state: "not_assignee",
      assigneeId: conversation.assigneeId,
    });
  }
  if (actor.type === "customer") {
    throw new AppError("forbidden", "customers cannot perform this action");
  }
}
