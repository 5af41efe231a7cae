"use client";

import { type FormEvent, useRef, useState } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { useStartChat } from "@/lib/client/customer-chat";
import type { ChatSession } from "./use-chat-session";

/** Who the customer is and what it is about, then the chat starts (and is routed) at once. */
export function StartChatForm({
  queueId,
  defaultTopic,
  defaultName,
  onStarted,
}: {
  queueId?: string;
  defaultTopic?: string;
  /** The name this browser gave last time, if it kept one. */
  defaultName?: string;
  onStarted: (session: ChatSession, customerName: string) => void;
}) {
  const start = useStartChat();
  const [name, setName] = useState(defaultName ?? "");
  const [topic, setTopic] = useState(defaultTopic ?? "");
  const [nameError, setNameError] = useState<string | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setNameError("Please tell us your name.");
      nameInput.current?.focus();
      return;
    }
    setNameError(null);
    const customerName = name.trim();
    start.mutate(
      { customer: { name: customerName }, topic: topic.trim() || undefined, queueId },
      {
        onSuccess: ({ conversation, customerToken }) =>
          onStarted({ conversationId: conversation.id, token: customerToken }, customerName),
      },
    );
  }

  return (
    <div className="flex flex-1 flex-col justify-center overflow-y-auto px-6 py-10 sm:px-12">
      <div className="mx-auto w-full max-w-sm">
        <p className="text-sm font-semibold text-blue-700">Switchboard support</p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">How can we help?</h1>
        <p className="mt-2 text-sm text-slate-600">
          Start a chat and our assistant will answer right away. You can ask for a person at any time.
        </p>
        <form onSubmit={onSubmit} noValidate className="mt-8 flex flex-col gap-5">
          <Input
            ref={nameInput}
            label="Your name"
            name="name"
            autoComplete="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            error={nameError}
            required
            maxLength={200}
          />
          <Input
            label="What is it about?"
            hint="Optional — it helps us send you to the right team."
            name="topic"
            placeholder="e.g. A missing order"
            value={topic}
            onChange={(event) => setTopic(event.target.value)}
            maxLength={200}
          />
          <ErrorAlert error={start.error} title="We could not start your chat" />
          <Button type="submit" size="lg" pending={start.isPending}>
            Start chat
          </Button>
        </form>
      </div>
    </div>
  );
}
