import type { Conversation, Queue } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db/transaction";
import { decideAssignment } from "./decide-assignment";
import { aiAgentsThatHandled, loadCandidates } from "./load-candidates";
import type { AssignmentMethodName, Decision } from "./types";

/** Loads what the routing core needs for this conversation in this queue, and asks it. */
export async function decideForConversation(tx: Tx, conversation: Conversation, queue: Queue): Promise<Decision> {
  const [members, handledBy] = await Promise.all([
    loadCandidates(tx, queue.id),
    conversation.viaTransfer ? aiAgentsThatHandled(tx, conversation.id) : Promise.resolve([]),
  ]);
  return decideAssignment(queue.assignmentMethod as AssignmentMethodName, members, {
    units: queue.capacityUnits,
    senderId: conversation.transferredFromId,
    aiAgentsThatHandledIt: handledBy,
    viaTransfer: conversation.viaTransfer,
  });
}
