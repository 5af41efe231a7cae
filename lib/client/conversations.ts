"use client";

import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useRef } from "react";
import type { humanPresences } from "@/lib/agents/schemas";
import type { Handoff } from "@/lib/ai-agents/build-context";
import { useStoredValue } from "@/lib/client/use-stored-value";
import type { TimelineEvent } from "@/lib/timeline/types";
import { ApiError, fetchJson } from "./fetch-json";
import { useEventStream } from "./use-event-stream";

/**
 * The workspace's data: TanStack Query hooks over the REST API, kept live by
 * server-sent events (nothing polls). Types are the JSON shapes the route
 * handlers return to staff. (The customer's chat reads the customer view:
 * customer-chat.ts.)
 */
export type { TimelineEvent };
export type AgentKind = "ai" | "human";
export type Presence = (typeof humanPresences)[number];
export type ConversationStatus = "open" | "active" | "wrap_up" | "closed";
export interface Waiting {
  position: number;
  estimatedWaitSeconds: number | null;
}
export interface Conversation {
  id: string;
  status: ConversationStatus;
  customerName: string;
  topic: string | null;
  queueId: string | null;
  queue: { id: string; name: string } | null;
  assignee: { id: string; name: string; kind: AgentKind } | null;
  context: Record<string, unknown>;
  handoff: Handoff | null;
  waiting?: Waiting | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}
export interface Agent {
  id: string;
  name: string;
  kind: AgentKind;
  botType: string | null;
  presence: string;
  capacity: number;
  usedCapacity: number;
}
export interface Queue {
  id: string;
  name: string;
  memberships: Array<{
    agentId: string;
    agent: Pick<Agent, "id" | "name" | "kind" | "presence" | "capacity" | "usedCapacity">;
  }>;
  counts: Partial<Record<ConversationStatus, number>>;
}
/** Who acts: a representative, by id (a supervisor may act for one). */
export type Author = { agentId: string };

export const keys = {
  agents: ["agents"] as const,
  queues: ["queues"] as const,
  // Deliberately not nested: invalidating a conversation must not refetch (and overwrite) its live timeline.
  inbox: (agentId: string | null) => ["inbox", agentId] as const,
  conversation: (id: string | null) => ["conversation", id] as const,
  timeline: (id: string | null) => ["timeline", id] as const,
  me: ["me"] as const,
};

// ---- Who is using the console -------------------------------------------------------------------------------

export interface SignedInStaff {
  userId: string;
  name: string;
  role: "admin" | "supervisor" | "representative";
  agentId: string | null;
}

/** The signed-in staff member; null when nobody is signed in (or the server has no sign-in). */
export function useSignedInStaff() {
  return useQuery({
    queryKey: keys.me,
    staleTime: 5 * 60_000,
    retry: false,
    queryFn: () =>
      fetchJson<SignedInStaff>("/api/me").catch((error) => {
        if (error instanceof ApiError && (error.status === 401 || error.status === 404)) return null;
        throw error;
      }),
  });
}

export interface CurrentAgent {
  agentId: string | null;
  /** Choose whom to act as; null when the session decides (a signed-in representative is always themselves). */
  choose: ((agentId: string | null) => void) | null;
  ready: boolean;
}

/**
 * The representative the workspace acts as — the one seam between the
 * consoles and sign-in. A signed-in representative is their own agent; a
 * supervisor or admin (or anyone, where sign-in is off) picks one, and the
 * choice is remembered in this browser.
 */
export function useCurrentAgentId(): CurrentAgent {
  const staff = useSignedInStaff();
  const [chosen, choose] = useStoredValue("switchboard.currentAgentId");
  const own = staff.data?.role === "representative" ? staff.data.agentId : undefined;
  if (own !== undefined) return { agentId: own, choose: null, ready: true };
  return { agentId: chosen, choose, ready: !staff.isPending };
}

// ---- Reads ----------------------------------------------------------------------------------------------------

export const useAgents = () => useQuery({ queryKey: keys.agents, queryFn: () => fetchJson<Agent[]>("/api/agents") });
export const useQueues = () => useQuery({ queryKey: keys.queues, queryFn: () => fetchJson<Queue[]>("/api/queues") });

export function useConversation(id: string | null) {
  return useQuery({
    queryKey: keys.conversation(id),
    queryFn: () => fetchJson<Conversation>(`/api/conversations/${id}`),
    enabled: Boolean(id),
  });
}

/** What a representative holds: active conversations and those in wrap-up, most recently changed first. */
export function useInbox(agentId: string | null) {
  return useQuery({
    queryKey: keys.inbox(agentId),
    enabled: Boolean(agentId),
    queryFn: async () => {
      const list = (status: ConversationStatus) =>
        fetchJson<Conversation[]>(`/api/conversations?assigneeId=${encodeURIComponent(agentId!)}&status=${status}`);
      const [active, wrapUp] = await Promise.all([list("active"), list("wrap_up")]);
      return [...active, ...wrapUp].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },
  });
}

/** Live inbox: the server sends an `inbox` frame whenever a conversation is assigned to or leaves the agent. */
export function useInboxStream(agentId: string | null) {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: keys.inbox(agentId) });
    void queryClient.invalidateQueries({ queryKey: keys.agents });
  };
  // On (re)connecting too: the stream has no history, so what changed while it was away comes from a refetch.
  useEventStream(agentId ? `/api/agents/${encodeURIComponent(agentId)}/stream` : null, {
    open: refresh,
    inbox: refresh,
  });
}

const conversationChanging = new Set<string>([
  "conversation.routed",
  "conversation.queued",
  "agent.assigned",
  "agent.removed",
  "context.set",
  "conversation.transferred",
  "conversation.overflowed",
  "conversation.ended",
  "conversation.closed",
]);

/**
 * A conversation's timeline (the transcript and what happened around it),
 * fetched once and then kept live from the stream, which resumes after the
 * last event we hold. The stream URL names the conversation's queue: the
 * server follows the queue it had when the stream opened (for `position`
 * frames), so a move to another queue reopens the stream.
 */
export function useLiveTimeline(id: string | null) {
  const queryClient = useQueryClient();
  const conversation = useConversation(id);
  const timeline = useQuery({
    queryKey: keys.timeline(id),
    // Merged, never replaced: a fetch that started before a streamed event must not drop it.
    queryFn: async () => {
      const fetched = await fetchJson<TimelineEvent[]>(`/api/conversations/${id}/timeline`);
      const known = queryClient.getQueryData<TimelineEvent[]>(keys.timeline(id)) ?? [];
      return fetched.reduce(appendEvent, known);
    },
    enabled: Boolean(id),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const lastSeq = useRef(0);
  lastSeq.current = timeline.data?.at(-1)?.seq ?? 0;
  const ready = timeline.isSuccess;
  const queueId = conversation.data?.queueId ?? "";
  const url = useMemo(() => {
    if (!id || !ready) return null;
    const params = new URLSearchParams({ lastEventId: String(lastSeq.current), queue: queueId });
    return `/api/conversations/${id}/stream?${params}`;
  }, [id, ready, queueId]);

  useEventStream(url, {
    // Position frames only say when the place in line moves from what the stream saw on connecting.
    open: () => void queryClient.invalidateQueries({ queryKey: keys.conversation(id) }),
    message: (event: TimelineEvent) => {
      queryClient.setQueryData<TimelineEvent[]>(keys.timeline(id), (events = []) => appendEvent(events, event));
      if (conversationChanging.has(event.type)) void queryClient.invalidateQueries({ queryKey: keys.conversation(id) });
    },
    position: (waiting: Waiting) => {
      queryClient.setQueryData<Conversation>(keys.conversation(id), (current) => current && { ...current, waiting });
    },
  });
  return { conversation, timeline };
}

/** Adds a streamed event in sequence order, once (history replays and reconnects may repeat one). */
export function appendEvent<E extends { seq: number }>(events: E[], event: E): E[] {
  if (events.some((known) => known.seq === event.seq)) return events;
  const last = events.at(-1);
  if (!last || last.seq < event.seq) return [...events, event];
  return [...events, event].sort((a, b) => a.seq - b.seq);
}

// ---- Writes ---------------------------------------------------------------------------------------------------

const post = <T>(path: string, body: unknown) => fetchJson<T>(path, { body });
const byAgent = (author: Author) => ({ byAgentId: author.agentId });

export function useSendMessage(conversationId: string, author: Author) {
  return useMutation({
    mutationFn: (text: string) => post(`/api/conversations/${conversationId}/messages`, { text, ...byAgent(author) }),
  });
}

export type TransferInput = ({ toAgentId: string } | { toQueueId: string }) & { note?: string };

/** Hands the conversation on; it leaves the representative's inbox at once, and comes back if the server refuses. */
export function useTransfer(conversationId: string, agentId: string) {
  const queryClient = useQueryClient();
  const inboxKey = keys.inbox(agentId);
  return useMutation({
    mutationFn: (input: TransferInput) =>
      post<Conversation>(`/api/conversations/${conversationId}/transfer`, { ...input, byAgentId: agentId }),
    onMutate: async () => {
      await queryClient.cancelQueries({ queryKey: inboxKey });
      const previous = queryClient.getQueryData<Conversation[]>(inboxKey);
      queryClient.setQueryData<Conversation[]>(inboxKey, (list) => list?.filter((c) => c.id !== conversationId));
      return { previous };
    },
    onError: (_error, _input, context) => queryClient.setQueryData(inboxKey, context?.previous),
    onSuccess: (conversation) => queryClient.setQueryData(keys.conversation(conversationId), conversation),
    onSettled: () => settle(queryClient, agentId),
  });
}

/** The representative ends the chat (wrap-up) or finishes wrap-up (close). */
export function useConversationAction(conversationId: string, action: "end" | "close", author: Author) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (notes?: string) =>
      post<Conversation>(`/api/conversations/${conversationId}/${action}`, {
        ...byAgent(author),
        notes: notes || undefined,
      }),
    onSuccess: (conversation) => queryClient.setQueryData(keys.conversation(conversationId), conversation),
    onSettled: () => settle(queryClient, author.agentId),
  });
}

export function useSetPresence(agentId: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (presence: Presence) =>
      fetchJson<Agent>(`/api/agents/${agentId}/presence`, { method: "PUT", body: { presence } }),
    onSuccess: (agent) =>
      queryClient.setQueryData<Agent[]>(keys.agents, (agents) => agents?.map((a) => (a.id === agent.id ? agent : a))),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.agents }),
  });
}

function settle(queryClient: QueryClient, agentId: string) {
  void queryClient.invalidateQueries({ queryKey: keys.inbox(agentId) });
  void queryClient.invalidateQueries({ queryKey: keys.agents });
  void queryClient.invalidateQueries({ queryKey: keys.queues });
}
