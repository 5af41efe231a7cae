import type { Tx } from "@/lib/db/transaction";
import type { Effects } from "@/lib/engine/unit-of-work";
import { recordMessage } from "./record-message";

/** A line in the transcript from Switchboard itself (overflow notices, "connecting you to a person"). */
export const addSystemMessage = (tx: Tx, fx: Effects, conversationId: string, text: string) =>
  recordMessage(tx, fx, { conversationId, authorType: "system", agentId: null, text });
