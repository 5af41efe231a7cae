"use client";

import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef } from "react";
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
/** Whether the customer has the chat open (any of their streams, on any server); `since` is an ISO time or null. */
export interface CustomerPresence {
  state: "connected" | "away";
  since: string | null;
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
  customerPresence?: CustomerPresence;
  /** The representative who still has a wrap-up to do: the customer went away while they held it, and it closed. */
  wrapUpPendingFor?: string | null;
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
  /** A transfer of this conversation in flight: its stream's events must not refetch what is about to be gone. */
  transfer: (id: string) => ["transfer", id] as const,
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

export function useConversation(id: string | null, enabled = true) {
  return useQuery({
    queryKey: keys.conversation(id),
    queryFn: () => fetchJson<Conversation>(`/api/conversations/${id}`),
    enabled: Boolean(id) && enabled,
  });
}

/**
 * What a representative holds: active conversations, those in wrap-up, and those the customer went away from
 * whose wrap-up is still theirs to do — most recently changed first.
 */
export function useInbox(agentId: string | null) {
  return useQuery({
    queryKey: keys.inbox(agentId),
    enabled: Boolean(agentId),
    queryFn: async () => {
      const list = (query: string) =>
        fetchJson<Conversation[]>(`/api/conversations?assigneeId=${encodeURIComponent(agentId!)}&${query}`);
      const [active, wrapUp, left] = await Promise.all([
        list("status=active"),
        list("status=wrap_up"),
        list("status=closed&awaitingWrapUp=true"),
      ]);
      return [...active, ...wrapUp, ...left].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
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
  "conversation.wrapped_up",
  "customer.connected",
  "customer.away",
]);

/**
 * A conversation's timeline (the transcript and what happened around it),
 * fetched once and then kept live from the stream, which resumes after the
 * last event we hold. The stream URL names the conversation's queue: the
 * server follows the queue it had when the stream opened (for `position`
 * frames), so a move to another queue reopens the stream.
 *
 * With `holder` (the workspace's representative), it follows the conversation
 * only while they hold it: once it is known to be someone else's — a transfer
 * answered, an event said so — nothing more is asked about it (it would be a
 * 403), the stream closes, and when the view goes its cached data goes too.
 * While a transfer is in flight, the events it sets off arrive before its
 * answer: they are added to the timeline but fetch nothing.
 */
export function useLiveTimeline(id: string | null, { holder }: { holder?: string } = {}) {
  const queryClient = useQueryClient();
  const notHeld = (current: Conversation | undefined) => notHeldBy(holder, current);
  const cached = id ? queryClient.getQueryData<Conversation>(keys.conversation(id)) : undefined;
  const conversation = useConversation(id, !notHeld(cached));
  const gone = notHeld(conversation.data);
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
    if (!id || !ready || gone) return null;
    const params = new URLSearchParams({ lastEventId: String(lastSeq.current), queue: queueId });
    return `/api/conversations/${id}/stream?${params}`;
  }, [id, ready, queueId, gone]);
  // Asked synchronously as each frame arrives: a render may not have caught up with the transfer's answer yet.
  const refetch = () => {
    if (!id || queryClient.isMutating({ mutationKey: keys.transfer(id) }) > 0) return;
    if (notHeld(queryClient.getQueryData<Conversation>(keys.conversation(id)))) return;
    void queryClient.invalidateQueries({ queryKey: keys.conversation(id) });
  };
  // What is cached of a conversation that is no longer ours goes with the view: nothing will show it again.
  useEffect(() => {
    if (!id || !holder) return;
    return () => {
      if (!notHeldBy(holder, queryClient.getQueryData<Conversation>(keys.conversation(id)))) return;
      queryClient.removeQueries({ queryKey: keys.conversation(id), exact: true });
      queryClient.removeQueries({ queryKey: keys.timeline(id), exact: true });
    };
  }, [id, holder, queryClient]);

  useEventStream(url, {
    // Position frames only say when the place in line moves from what the stream saw on connecting.
    open: refetch,
    message: (event: TimelineEvent) => {
      queryClient.setQueryData<TimelineEvent[]>(keys.timeline(id), (events = []) => appendEvent(events, event));
      if (conversationChanging.has(event.type)) refetch();
    },
    position: (waiting: Waiting) => {
      queryClient.setQueryData<Conversation>(keys.conversation(id), (current) => current && { ...current, waiting });
    },
  });
  return { conversation, timeline };
}

/** Known to be someone else's now: neither held by `holder` nor waiting for their wrap-up. */
const notHeldBy = (holder: string | undefined, current: Conversation | undefined) =>
  Boolean(holder && current && current.assignee?.id !== holder && current.wrapUpPendingFor !== holder);

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

/**
 * Hands the conversation on; it leaves the representative's inbox at once, and comes back if the server refuses.
 * Its answer (the conversation, now someone else's) is the last thing the workspace learns of it: useLiveTimeline
 * stops following it, and fetches nothing while the transfer is in flight.
 */
export function useTransfer(conversationId: string, agentId: string) {
  const queryClient = useQueryClient();
  const inboxKey = keys.inbox(agentId);
  return useMutation({
    mutationKey: keys.transfer(conversationId),
    mutationFn: (input: TransferInput) =>
      post<Conversation>(`/api/conversations/${conversationId}/transfer`, { ...input, byAgentId: agentId }),
    onMutate: async () => {
      await queryClient.cancelQueries({ queryKey: inboxKey });
      await queryClient.cancelQueries({ queryKey: keys.conversation(conversationId) });
      const previous = queryClient.getQueryData<Conversation[]>(inboxKey);
      queryClient.setQueryData<Conversation[]>(inboxKey, (list) => list?.filter((c) => c.id !== conversationId));
      return { previous };
    },
    onError: (_error, _input, context) => {
      queryClient.setQueryData(inboxKey, context?.previous);
      // Events skipped while it was in flight may have changed it (the customer left, a supervisor took it).
      void queryClient.invalidateQueries({ queryKey: keys.conversation(conversationId) });
    },
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
