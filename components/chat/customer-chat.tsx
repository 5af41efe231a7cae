"use client";

import { useSyncExternalStore } from "react";
import { useStoredValue } from "@/lib/client/use-stored-value";
import { ChatWindow } from "./chat-window";
import { StartChatForm } from "./start-chat-form";
import { useChatSession } from "./use-chat-session";

const subscribeNothing = () => () => {};

/** The start form, or the chat this browser already has (it survives a reload). */
export function CustomerChat({ queueId, topic }: { queueId?: string; topic?: string }) {
  const [session, setSession] = useChatSession();
  // Their name, kept in this browser only, so starting again (after a chat ended) is one press.
  const [name, setName] = useStoredValue("switchboard.chat.name");
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
        <StartChatForm
          queueId={queueId}
          defaultTopic={topic}
          defaultName={name ?? undefined}
          onStarted={(started, customerName) => {
            setName(customerName);
            setSession(started);
          }}
        />
      )}
    </section>
  );
}
