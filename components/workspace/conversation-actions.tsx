import type { Agent, Conversation } from "@/lib/client/conversations";
import { EndConversationButton } from "./end-conversation-button";
import { TransferToAiAgent } from "./transfer-to-ai-agent";
import { TransferToQueue } from "./transfer-to-queue";
import { TransferToRep } from "./transfer-to-rep";

/** What the representative can do with a conversation they hold. */
export function ConversationActions({
  conversation,
  me,
  handledBy,
  onTransferred,
}: {
  conversation: Conversation;
  me: Agent;
  handledBy: Set<string>;
  onTransferred: () => void;
}) {
  const shared = { conversationId: conversation.id, agentId: me.id, onTransferred };
  return (
    <div role="toolbar" aria-label="Conversation actions" className="ml-auto flex flex-wrap items-center gap-2">
      <TransferToAiAgent {...shared} handledBy={handledBy} />
      <TransferToQueue {...shared} currentQueueId={conversation.queueId} />
      <TransferToRep {...shared} />
      <EndConversationButton conversation={conversation} me={me} />
    </div>
  );
}
