import type { Conversation, Queue } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db/transaction";
import { decideAssignment } from "./decide-assignment";
import { aiAgentsThatHandled, loadQueueCandidates } from "./load-candidates";
import type { AssignmentMethodName, Decision } from "./types";

/** Loads what the routing core needs for this conversation in this queue, and asks it. */
export async function decideForConversation(tx: Tx, conversation: Conversation, queue: Queue): Promise<Decision> {
  const handledBy = conversation.viaTransfer ? await aiAgentsThatHandled(tx, conversation.id) : [];
  const senderId = conversation.transferredFromId;
  const identityExcluded = [...new Set([...(senderId ? [senderId] : []), ...handledBy])];
  const { members, unlisted } = await loadQueueCandidates(tx, queue, identityExcluded);
  return decideAssignment(
    queue.assignmentMethod as AssignmentMethodName,
    members,
    { units: queue.capacityUnits, senderId, aiAgentsThatHandledIt: handledBy, viaTransfer: conversation.viaTransfer },
    unlisted,
  );
}
