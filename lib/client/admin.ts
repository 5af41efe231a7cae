"use client";

import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { createAgentSchema, updateAgentSchema } from "@/lib/agents/schemas";
import { ApiError, fetchJson } from "@/lib/client/fetch-json";
import type { CheckWarning, QueueCheck } from "@/lib/queues/check-queue-config";
import type { createQueueSchema, updateQueueSchema } from "@/lib/queues/schemas";
import type { RuleWarning } from "@/lib/routing-rules/check-routing-rules";
import type { Condition } from "@/lib/routing-rules/match-rule";
import type { createRoutingRuleSchema, updateRoutingRuleSchema } from "@/lib/routing-rules/schemas";

/** The admin console's data: queues, agents, routing rules and the configuration checker, as the API returns them. */
export type AgentKind = "ai" | "human";
export type Presence = "available" | "busy" | "do_not_disturb" | "away" | "offline";

export interface MemberAgent {
  id: string;
  name: string;
  kind: AgentKind;
  capacity: number;
  usedCapacity: number;
  presence: Presence;
}

export interface QueueView {
  id: string;
  name: string;
  assignmentMethod: "highest_capacity" | "round_robin" | "least_active";
  priority: number;
  isDefault: boolean;
  capacityUnits: number;
  wrapUpSeconds: number;
  overflowAfterSeconds: number | null;
  overflowAction: "none" | "transfer" | "end";
  overflowQueueId: string | null;
  overflowMessage: string | null;
  /** Seconds a customer may be away before the chat ends as abandoned; null = never. */
  inactivityTimeoutSeconds: number | null;
  memberships: { agentId: string; joinOrder: number; agent: MemberAgent }[];
  counts: Partial<Record<"open" | "active" | "wrap_up", number>>;
}

export interface FaqEntry {
  keywords: string[];
  answer: string;
}
export interface SurveyQuestion {
  id: string;
  question: string;
}

export interface AgentView extends MemberAgent {
  botType: "builtin" | "botframework" | "llm" | null;
  greeting: string | null;
  escalationQueueId: string | null;
  faq: FaqEntry[] | null;
  surveyQuestions: SurveyQuestion[] | null;
  replyTimeoutMs: number;
  // Admins only (lib/agents/agent-view.ts): where a bot is reached. Supervisors and representatives never get them.
  endpointUrl?: string | null;
  hasSecret?: boolean;
  serviceUrl?: string | null;
  // Language-model agents. The base URL and instructions are admins only; the API key is never returned.
  modelBaseUrl?: string | null;
  modelName: string | null;
  instructions?: string | null;
  hasApiKey?: boolean;
  temperature: number | null;
  maxTurns: number | null;
  maxTokens: number | null;
  transferQueueIds: string[] | null;
}

export interface RoutingRuleView {
  id: string;
  name: string;
  position: number;
  conditions: Condition[];
  queueId: string;
  queue: { id: string; name: string };
}
export interface RoutingRules {
  rules: RoutingRuleView[];
  defaultQueue: { id: string; name: string } | null;
}

export type { CheckWarning, Condition, QueueCheck, RuleWarning };
export type CreateQueueBody = z.input<typeof createQueueSchema>;
export type UpdateQueueBody = z.input<typeof updateQueueSchema>;
export type CreateAgentBody = z.input<typeof createAgentSchema>;
export type UpdateAgentBody = z.input<typeof updateAgentSchema>;
export type CreateRuleBody = z.input<typeof createRoutingRuleSchema>;
export type UpdateRuleBody = z.input<typeof updateRoutingRuleSchema>;

export const adminKeys = {
  all: ["admin"] as const,
  queues: ["admin", "queues"] as const,
  agents: ["admin", "agents"] as const,
  rules: ["admin", "rules"] as const,
  rulesCheck: ["admin", "rules", "check"] as const,
  check: (queueId: string) => ["admin", "check", queueId] as const,
};

/** Any change to queues, agents or rules can change every queue's check, so everything admin is refetched. */
const refreshAll = (client: QueryClient) => client.invalidateQueries({ queryKey: adminKeys.all });

export const useQueues = () =>
  useQuery({ queryKey: adminKeys.queues, queryFn: () => fetchJson<QueueView[]>("/api/queues") });
export const useAgents = () =>
  useQuery({ queryKey: adminKeys.agents, queryFn: () => fetchJson<AgentView[]>("/api/agents") });
export const useRoutingRules = () =>
  useQuery({ queryKey: adminKeys.rules, queryFn: () => fetchJson<RoutingRules>("/api/routing-rules") });
export const useRulesCheck = () =>
  useQuery({
    queryKey: adminKeys.rulesCheck,
    queryFn: () => fetchJson<{ warnings: RuleWarning[] }>("/api/routing-rules/check"),
    staleTime: 0,
  });

export const useQueueCheck = (queueId: string) =>
  useQuery({
    queryKey: adminKeys.check(queueId),
    queryFn: () => fetchJson<QueueCheck>(`/api/queues/${queueId}/check`),
    staleTime: 0,
  });

function useAdminMutation<V, R = unknown>(mutationFn: (variables: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => refreshAll(client) });
}

const encode = encodeURIComponent;

export const useCreateQueue = () =>
  useAdminMutation((body: CreateQueueBody) => fetchJson<QueueView>("/api/queues", { method: "POST", body }));
export const useUpdateQueue = () =>
  useAdminMutation(({ id, ...body }: UpdateQueueBody & { id: string }) =>
    fetchJson<QueueView>(`/api/queues/${encode(id)}`, { method: "PATCH", body }),
  );
export const useDeleteQueue = () =>
  useAdminMutation((id: string) => fetchJson<null>(`/api/queues/${encode(id)}`, { method: "DELETE" }));

export const useSetMembership = () =>
  useAdminMutation(({ queueId, agentId, member }: { queueId: string; agentId: string; member: boolean }) =>
    fetchJson<unknown>(`/api/queues/${encode(queueId)}/members/${encode(agentId)}`, {
      method: member ? "PUT" : "DELETE",
    }),
  );

export const useCreateAgent = () =>
  useAdminMutation((body: CreateAgentBody) =>
    fetchJson<AgentView & { secret?: string }>("/api/agents", { method: "POST", body }),
  );
export const useUpdateAgent = () =>
  useAdminMutation(({ id, ...body }: UpdateAgentBody & { id: string }) =>
    fetchJson<AgentView>(`/api/agents/${encode(id)}`, { method: "PATCH", body }),
  );
export const useDeleteAgent = () =>
  useAdminMutation((id: string) => fetchJson<null>(`/api/agents/${encode(id)}`, { method: "DELETE" }));
export const useSetPresence = () =>
  useAdminMutation(({ id, presence }: { id: string; presence: Presence }) =>
    fetchJson<AgentView>(`/api/agents/${encode(id)}/presence`, { method: "PUT", body: { presence } }),
  );

export const useCreateRule = () =>
  useAdminMutation((body: CreateRuleBody) =>
    fetchJson<RoutingRuleView>("/api/routing-rules", { method: "POST", body }),
  );
export const useUpdateRule = () =>
  useAdminMutation(({ id, ...body }: UpdateRuleBody & { id: string }) =>
    fetchJson<RoutingRuleView>(`/api/routing-rules/${encode(id)}`, { method: "PATCH", body }),
  );
export const useDeleteRule = () =>
  useAdminMutation((id: string) => fetchJson<null>(`/api/routing-rules/${encode(id)}`, { method: "DELETE" }));

/** Moves a rule one place up or down: the rules are renumbered 10, 20, 30… and only changed ones are saved. */
export const useMoveRule = () =>
  useAdminMutation(async ({ rules, index, by }: { rules: RoutingRuleView[]; index: number; by: -1 | 1 }) => {
    const target = index + by;
    if (target < 0 || target >= rules.length) return;
    const order = [...rules];
    [order[index], order[target]] = [order[target], order[index]];
    const changed = order
      .map((rule, i) => ({ rule, position: (i + 1) * 10 }))
      .filter((r) => r.rule.position !== r.position);
    for (const { rule, position } of changed) {
      await fetchJson(`/api/routing-rules/${encode(rule.id)}`, { method: "PATCH", body: { position } });
    }
  });

/** The API's field errors for a form: `fields` from validation, or the one `field` a conflict names. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const body = error.body as ApiError["body"] & { field?: string };
  const out: Record<string, string> = {};
  const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  for (const [field, messages] of Object.entries(body.fields ?? {})) out[field] = messages.map(sentence).join("; ");
  if (body.field && !out[body.field]) out[body.field] = body.message;
  return out;
}

/** A sentence for an error that no single field owns. */
export function errorMessage(error: unknown): string | null {
  if (!error) return null;
  if (error instanceof ApiError) return error.body.message;
  return error instanceof Error ? error.message : "Something went wrong.";
}

/** The signed-in staff member (for the console header). */
export interface Me {
  userId: string;
  name: string;
  role: "admin" | "supervisor" | "representative";
  agentId: string | null;
}
export const useMe = () =>
  useQuery({ queryKey: ["me"], queryFn: () => fetchJson<Me>("/api/me"), staleTime: Infinity, retry: false });
