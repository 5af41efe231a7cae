"use client";

import { useSyncExternalStore } from "react";
import { ChatWindow } from "./chat-window";
import { StartChatForm } from "./start-chat-form";
import { useChatSession } from "./use-chat-session";

const subscribeNothing = () => () => {};

/** The start form, or the chat this browser already has (it survives a reload). */
export function CustomerChat({ queueId, topic }: { queueId?: string; topic?: string }) {
  const [session, setSession] = useChatSession();
  // The session lives in localStorage: render nothing on the server rather than flash the start form.
  const hydrated = useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
  return (
    <section
      aria-label="Support chat"
      className="flex h-dvh w-full flex-col overflow-hidden bg-white sm:h-[min(52rem,calc(100dvh-3rem))] sm:max-w-2xl sm:rounded-2xl sm:shadow-xl sm:ring-1 sm:ring-slate-900/5"
    >
      {!hydrated ? null : session ? (
        <ChatWindow key={session.conversationId} session={session} onStartNew={() => setSession(null)} />
      ) : (
        <StartChatForm queueId={queueId} defaultTopic={topic} onStarted={setSession} />
      )}
    </section>
  );
}
