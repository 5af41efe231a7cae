"use client";

import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { fetchJson } from "@/lib/client/fetch-json";
import { useEventStream } from "@/lib/client/use-event-stream";
import type { TimelineEvent } from "@/lib/timeline/types";
import type { AgentKind, Presence } from "./admin";
import type { CustomerPresence } from "./conversations";

/** The supervisor console's data: the live dashboard, conversations, their timelines, and the supervisor's actions. */
export type { TimelineEvent };
export type ConversationStatus = "open" | "active" | "wrap_up" | "closed";

export interface DashboardQueue {
  id: string;
  name: string;
  priority: number;
  assignmentMethod: string;
  waiting: number;
  longestWaitSeconds: number;
  active: number;
  wrapUp: number;
  members: { ai: number; available: number; busy: number; atCapacity: number; unavailable: number };
}
export interface DashboardAgent {
  id: string;
  name: string;
  kind: AgentKind;
  presence: Presence;
  capacity: number;
  usedCapacity: number;
  conversations: number;
}
export interface Dashboard {
  generatedAt: string;
  queues: DashboardQueue[];
  agents: DashboardAgent[];
}

export interface ConversationView {
  id: string;
  status: ConversationStatus;
  customerName: string;
  topic: string | null;
  context: Record<string, unknown>;
  queueId: string | null;
  assigneeId: string | null;
  queue: { id: string; name: string } | null;
  assignee: { id: string; name: string; kind: AgentKind } | null;
  queuedAt: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  overflowCount: number;
  waiting?: { position: number; estimatedWaitSeconds: number | null } | null;
  customerPresence?: CustomerPresence;
  wrapUpPendingFor?: string | null;
}

/**
 * Live data is refetched when a page mounts (staleTime 0), then kept current by
 * the event streams while it stays mounted; nothing polls.
 */
export const supervisorKeys = {
  all: ["supervisor"] as const,
  dashboard: ["supervisor", "dashboard"] as const,
  conversations: (status: string, queueId: string) => ["supervisor", "conversations", status, queueId] as const,
  conversation: (id: string) => ["supervisor", "conversation", id] as const,
  timeline: (id: string) => ["supervisor", "timeline", id] as const,
};

export const useDashboard = () =>
  useQuery({
    queryKey: supervisorKeys.dashboard,
    queryFn: () => fetchJson<Dashboard>("/api/dashboard"),
    staleTime: 0,
  });

export const ongoingStatuses: ConversationStatus[] = ["open", "active", "wrap_up"];

/** Conversations by status ("ongoing" = open, active and wrap-up) and queue; newest first. */
export function useConversations(status: ConversationStatus | "ongoing", queueId: string) {
  const statuses = status === "ongoing" ? ongoingStatuses : [status];
  const results = useQueries({
    queries: statuses.map((s) => ({
      queryKey: supervisorKeys.conversations(s, queueId),
      staleTime: 0,
      queryFn: () => {
        const params = new URLSearchParams({ status: s, limit: "200" });
        if (queueId) params.set("queueId", queueId);
        return fetchJson<ConversationView[]>(`/api/conversations?${params}`);
      },
    })),
  });
  const data = useMemo(() => {
    if (results.some((r) => !r.data)) return undefined;
    return results.flatMap((r) => r.data ?? []).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }, [results]);
  return { data, isLoading: results.some((r) => r.isLoading), error: results.find((r) => r.error)?.error ?? null };
}

/**
 * Calls `callback` at most once per `waitMs` while calls keep coming, and once
 * more after the last: a burst of events becomes a couple of refetches.
 */
export function useThrottled(callback: () => void, waitMs: number): () => void {
  const latest = useRef(callback);
  latest.current = callback;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef(false);
  useEffect(() => () => clearTimeout(timer.current ?? undefined), []);
  return useCallback(() => {
    if (timer.current) {
      pending.current = true;
      return;
    }
    latest.current();
    const tick = () => {
      if (pending.current) {
        pending.current = false;
        latest.current();
        timer.current = setTimeout(tick, waitMs);
      } else {
        timer.current = null;
      }
    };
    timer.current = setTimeout(tick, waitMs);
  }, [waitMs]);
}

/**
 * Calls `refresh` on every frame of the given names from a server-sent event
 * stream, and whenever the stream (re)connects: a stream without replay
 * (/api/stream) may have missed changes while it was not connected.
 */
export function useStreamRefresh(url: string, names: string[], refresh: () => void): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  const key = names.join(",");
  useEffect(() => {
    const source = new EventSource(url);
    const listener = () => latest.current();
    const events = ["open", ...key.split(",")];
    for (const name of events) source.addEventListener(name, listener);
    return () => {
      for (const name of events) source.removeEventListener(name, listener);
      source.close();
    };
  }, [url, key]);
}

/** Keeps the dashboard and conversation lists current from /api/stream: no polling. */
export function useLiveSupervisor(): void {
  const client = useQueryClient();
  const refresh = useThrottled(() => {
    client.invalidateQueries({ queryKey: supervisorKeys.dashboard });
    client.invalidateQueries({ queryKey: ["supervisor", "conversations"] });
  }, 500);
  useStreamRefresh("/api/stream", ["message", "agent", "queue"], refresh);
}

export const useConversation = (id: string) =>
  useQuery({
    queryKey: supervisorKeys.conversation(id),
    queryFn: () => fetchJson<ConversationView>(`/api/conversations/${encodeURIComponent(id)}`),
    staleTime: 0,
  });

const mergeEvents = (current: TimelineEvent[] | undefined, incoming: TimelineEvent[]) => {
  const bySeq = new Map((current ?? []).map((e) => [e.seq, e]));
  for (const event of incoming) bySeq.set(event.seq, event);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
};

/**
 * A conversation's timeline, live: loaded once, then every event from the
 * conversation's stream is merged in by sequence number (the stream replays
 * history on connect, so duplicates are expected and dropped).
 */
export function useLiveTimeline(id: string) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: supervisorKeys.timeline(id),
    queryFn: async () =>
      mergeEvents(
        client.getQueryData(supervisorKeys.timeline(id)),
        await fetchJson<TimelineEvent[]>(`/api/conversations/${encodeURIComponent(id)}/timeline`),
      ),
    staleTime: Infinity,
  });
  const refreshConversation = useThrottled(
    () => client.invalidateQueries({ queryKey: supervisorKeys.conversation(id) }),
    300,
  );
  useEventStream(`/api/conversations/${encodeURIComponent(id)}/stream`, {
    message: (event: TimelineEvent) => {
      client.setQueryData<TimelineEvent[]>(supervisorKeys.timeline(id), (current) => mergeEvents(current, [event]));
      refreshConversation();
    },
    position: refreshConversation,
  });
  return query;
}

function useConversationAction<V>(id: string, action: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: V) =>
      fetchJson<ConversationView>(`/api/conversations/${encodeURIComponent(id)}/${action}`, { method: "POST", body }),
    onSuccess: (conversation) => client.setQueryData(supervisorKeys.conversation(id), conversation),
    onSettled: () => client.invalidateQueries({ queryKey: supervisorKeys.all }),
  });
}

export const useAssign = (id: string) => useConversationAction<{ agentId: string }>(id, "assign");
export const useTransfer = (id: string) =>
  useConversationAction<{ toAgentId?: string; toQueueId?: string; note?: string }>(id, "transfer");
export const useForceClose = (id: string) => useConversationAction<{ notes?: string }>(id, "close");
