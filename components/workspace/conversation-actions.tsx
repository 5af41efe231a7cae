import type { Agent, Conversation } from "@/lib/client/conversations";
import { EndConversationButton } from "./end-conversation-button";
import { TransferToAiAgent } from "./transfer-to-ai-agent";
import { TransferToQueue } from "./transfer-to-queue";
import { TransferToRep } from "./transfer-to-rep";

/**
 * What the representative can do with a conversation they hold. Kept on screen (disabled) when the customer goes
 * away mid-work (`ended` says how), so a dialog they had open stays open with what they typed.
 */
export function ConversationActions({
  conversation,
  me,
  handledBy,
  onTransferred,
  ended,
}: {
  conversation: Conversation;
  me: Agent;
  handledBy: Set<string>;
  onTransferred: () => void;
  ended: string | null;
}) {
  const shared = { conversationId: conversation.id, agentId: me.id, onTransferred, ended };
  return (
    <div role="toolbar" aria-label="Conversation actions" className="ml-auto flex flex-wrap items-center gap-2">
      <TransferToAiAgent {...shared} handledBy={handledBy} />
      <TransferToQueue {...shared} currentQueueId={conversation.queueId} />
      <TransferToRep {...shared} />
      <EndConversationButton conversation={conversation} me={me} ended={ended} />
    </div>
  );
}
