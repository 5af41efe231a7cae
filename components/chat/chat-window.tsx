"use client";

import { useMemo } from "react";
import { Alert, ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PersonIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import {
  type CustomerChoice,
  type CustomerEvent,
  useCustomerChat,
  useCustomerRequestPerson,
  useCustomerSend,
} from "@/lib/client/customer-chat";
import { ApiError } from "@/lib/client/fetch-json";
import { ChatHeader } from "./chat-header";
import { Composer } from "./composer";
import { buildCustomerTranscript } from "./customer-transcript";
import { LeaveChatButton } from "./leave-chat-button";
import { Transcript } from "./transcript";
import type { ChatSession } from "./use-chat-session";

/**
 * The customer's live chat: transcript, who is answering, "Talk to a person", the composer —
 * all from the customer view of the conversation.
 */
export function ChatWindow({ session, onStartNew }: { session: ChatSession; onStartNew: () => void }) {
  const { conversation, events: timeline, draft } = useCustomerChat(session.conversationId, session.token);
  const send = useCustomerSend(session.conversationId, session.token);
  const askForPerson = useCustomerRequestPerson(session.conversationId, session.token);
  const items = useMemo(() => {
    const lines = buildCustomerTranscript(timeline.data ?? []);
    if (!draft?.text) return lines;
    const at = new Date().toISOString();
    const author = { name: draft.sender.name, kind: draft.sender.kind };
    return [
      ...lines,
      {
        kind: "message" as const,
        key: `draft-${draft.draftId}`,
        authorType: "agent" as const,
        author,
        text: draft.text,
        at,
        drafting: true,
      },
    ];
  }, [timeline.data, draft]);
  const choices = useMemo(() => offeredChoices(timeline.data ?? []), [timeline.data]);
  const current = conversation.data;
  const lost = [conversation.error, timeline.error].find((e) => e instanceof ApiError && [401, 404].includes(e.status));

  if (lost) {
    return (
      <div className="flex flex-1 flex-col items-center justify-center gap-4 p-8 text-center">
        <h1 className="text-lg font-semibold">We couldn't find your chat</h1>
        <p className="max-w-xs text-sm text-slate-600">
          It may have been removed. Start a new one and we'll be right with you.
        </p>
        <Button onClick={onStartNew}>Start a new chat</Button>
      </div>
    );
  }

  const finished = current?.status === "wrap_up" || current?.status === "closed";
  // Coming back (a reopened tab, a phone that slept) to a chat closed because they were away: say so.
  const closedWhileAway = timeline.data?.findLast((event) => event.type === "closed")?.by === "inactivity";
  const talkingToAi = current?.status === "active" && current.answering?.kind === "ai";
  return (
    <>
      <ChatHeader conversation={current} actions={current && !finished && <LeaveChatButton session={session} />} />
      {timeline.isPending ? (
        <div className="flex flex-1 items-center justify-center text-slate-500" role="status">
          <Spinner className="mr-2" /> Loading your conversation…
        </div>
      ) : (
        <Transcript
          items={items}
          perspective="customer"
          emptyText="Say hello — we're here to help."
          className="flex-1 bg-slate-50"
        />
      )}
      <footer className="border-t border-slate-200 bg-white px-3 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] sm:px-6">
        {(conversation.error || timeline.error) && !lost && (
          <Alert tone="error" className="mb-2">
            We're having trouble staying connected. Your messages are safe; we'll keep trying.
          </Alert>
        )}
        {finished ? (
          <div className="flex flex-col items-center gap-2 py-2 text-center">
            <p className="text-sm text-slate-600">
              {closedWhileAway
                ? "This chat was closed because we didn't hear from you for a while. Start a new one whenever you're ready."
                : "This chat has ended. Thanks for getting in touch."}
            </p>
            <Button variant="secondary" onClick={onStartNew}>
              Start a new chat
            </Button>
          </div>
        ) : (
          <>
            <ErrorAlert error={askForPerson.error} className="mb-2" />
            {talkingToAi && choices.length > 0 && (
              // A survey's 1 to 5 (an AI agent's suggested actions): one tap answers; typing still works.
              <fieldset className="mb-2">
                <legend className="sr-only">Suggested answers</legend>
                <div className="flex flex-wrap gap-2">
                  {choices.map((choice) => (
                    <Button
                      key={`${choice.label}:${choice.value}`}
                      variant="secondary"
                      size="sm"
                      className="min-w-11"
                      pending={send.isPending && send.variables === choice.value}
                      disabled={send.isPending}
                      onClick={() => send.mutate(choice.value)}
                    >
                      {choice.label}
                    </Button>
                  ))}
                </div>
              </fieldset>
            )}
            {talkingToAi && (
              <div className="mb-2 flex">
                <Button
                  variant="secondary"
                  size="sm"
                  pending={askForPerson.isPending}
                  onClick={() => askForPerson.mutate()}
                >
                  <PersonIcon />
                  Talk to a person
                </Button>
              </div>
            )}
            <Composer onSend={(text) => send.mutateAsync(text)} label="Message" placeholder="Write a message…" />
          </>
        )}
      </footer>
    </>
  );
}

/** The buttons the last line offers, while it is the last line and an AI agent wrote it; none otherwise. */
function offeredChoices(events: CustomerEvent[]): CustomerChoice[] {
  const last = events.findLast((event) => event.type === "message");
  if (last?.type !== "message" || last.message.sender.type !== "agent") return [];
  return last.message.choices ?? [];
}
