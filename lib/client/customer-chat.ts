"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useRef } from "react";
import type {
  CustomerChoice,
  CustomerConversation,
  CustomerEvent,
  CustomerMessage,
  CustomerStarted,
  CustomerWaiting,
} from "@/lib/conversations/customer-view";
import { appendEvent } from "./conversations";
import { fetchJson } from "./fetch-json";
import { useEventStream } from "./use-event-stream";

/**
 * The customer's chat: everything it shows comes from the customer view
 * (lib/conversations/customer-view.ts) — the same schemas the server builds
 * its answers to a customer token from. Staff hooks live in conversations.ts.
 */
export type { CustomerChoice, CustomerConversation, CustomerEvent, CustomerMessage, CustomerWaiting };

// Not shared with the staff keys: one browser never holds both views of a conversation under one key.
export const customerKeys = {
  conversation: (id: string) => ["customer", "conversation", id] as const,
  events: (id: string) => ["customer", "events", id] as const,
};

const conversationPath = (id: string) => `/api/conversations/${encodeURIComponent(id)}`;

export function useStartChat() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { customer: { name: string }; topic?: string; queueId?: string }) =>
      fetchJson<CustomerStarted>("/api/conversations", { body: input }),
    onSuccess: ({ conversation }) => queryClient.setQueryData(customerKeys.conversation(conversation.id), conversation),
  });
}

/** Events that change what the conversation itself says (who answers, status, place in line). */
const changesConversation = new Set<CustomerEvent["type"]>(["agent.joined", "agent.left", "queued", "ended", "closed"]);

/**
 * The conversation and its events, fetched once and then kept live by the
 * stream, which resumes after the last event held (frame ids are the
 * conversation's sequence numbers). The server follows the line the customer
 * waits in and sends `position` frames when their place moves.
 */
export function useCustomerChat(id: string, token: string) {
  const queryClient = useQueryClient();
  const conversation = useQuery({
    queryKey: customerKeys.conversation(id),
    queryFn: () => fetchJson<CustomerConversation>(conversationPath(id), { token }),
  });
  const events = useQuery({
    queryKey: customerKeys.events(id),
    // Merged, never replaced: a fetch that started before a streamed event must not drop it.
    queryFn: async () => {
      const fetched = await fetchJson<CustomerEvent[]>(`${conversationPath(id)}/timeline`, { token });
      const known = queryClient.getQueryData<CustomerEvent[]>(customerKeys.events(id)) ?? [];
      return fetched.reduce(appendEvent, known);
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
  const lastSeq = useRef(0);
  lastSeq.current = events.data?.at(-1)?.seq ?? 0;
  const ready = events.isSuccess;
  const url = useMemo(() => {
    if (!ready) return null;
    const params = new URLSearchParams({ lastEventId: String(lastSeq.current), token });
    return `${conversationPath(id)}/stream?${params}`;
  }, [id, token, ready]);

  useEventStream(url, {
    // Position frames only say when the place in line moves from what the stream saw on connecting.
    open: () => void queryClient.invalidateQueries({ queryKey: customerKeys.conversation(id) }),
    message: (event: CustomerEvent) => {
      queryClient.setQueryData<CustomerEvent[]>(customerKeys.events(id), (known = []) => appendEvent(known, event));
      if (changesConversation.has(event.type))
        void queryClient.invalidateQueries({ queryKey: customerKeys.conversation(id) });
    },
    position: (waiting: CustomerWaiting) => {
      queryClient.setQueryData<CustomerConversation>(
        customerKeys.conversation(id),
        (current) => current && { ...current, waiting },
      );
    },
  });
  return { conversation, events };
}

export function useCustomerSend(id: string, token: string) {
  return useMutation({
    mutationFn: (text: string) =>
      fetchJson<CustomerMessage>(`${conversationPath(id)}/messages`, { body: { text }, token }),
  });
}

/** "Talk to a person": the AI agent holding the chat is asked to hand over (POST …/request-person). */
export function useCustomerRequestPerson(id: string, token: string) {
  return useMutation({
    mutationFn: () => fetchJson<CustomerMessage>(`${conversationPath(id)}/request-person`, { body: {}, token }),
  });
}

/** The customer leaves: the conversation closes for everyone. */
export function useLeaveChat(id: string, token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<CustomerConversation>(`${conversationPath(id)}/close`, { body: {}, token }),
    onSuccess: (conversation) => queryClient.setQueryData(customerKeys.conversation(id), conversation),
  });
}
