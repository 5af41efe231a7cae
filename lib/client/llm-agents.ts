"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { ModelUsageView } from "@/lib/ai-agents/llm/get-model-usage";
import type { KnowledgeView } from "@/lib/ai-agents/llm/knowledge/add-knowledge";
import type { addKnowledgeSchema } from "@/lib/ai-agents/llm/knowledge/schemas";
import type { TryAgentInput } from "@/lib/ai-agents/llm/schemas";
import type { TryAgentResult } from "@/lib/ai-agents/llm/try-agent";
import { fetchJson } from "./fetch-json";

/** A language-model agent's knowledge, usage and "Try it" sandbox, as the admin console uses them. */
export type { KnowledgeView, ModelUsageView, TryAgentInput, TryAgentResult };
export type AddKnowledgeBody = z.input<typeof addKnowledgeSchema>;

export const llmKeys = {
  knowledge: (agentId: string) => ["admin", "llm", agentId, "knowledge"] as const,
  usage: (agentId: string) => ["admin", "llm", agentId, "usage"] as const,
};

const agentPath = (agentId: string) => `/api/agents/${encodeURIComponent(agentId)}`;

export const useKnowledge = (agentId: string) =>
  useQuery({
    queryKey: llmKeys.knowledge(agentId),
    queryFn: () => fetchJson<KnowledgeView[]>(`${agentPath(agentId)}/knowledge`),
  });

export function useAddKnowledge(agentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AddKnowledgeBody) =>
      fetchJson<KnowledgeView>(`${agentPath(agentId)}/knowledge`, { method: "POST", body }),
    onSettled: () => client.invalidateQueries({ queryKey: llmKeys.knowledge(agentId) }),
  });
}

export function useDeleteKnowledge(agentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (sourceId: string) =>
      fetchJson<null>(`${agentPath(agentId)}/knowledge/${encodeURIComponent(sourceId)}`, { method: "DELETE" }),
    onSettled: () => client.invalidateQueries({ queryKey: llmKeys.knowledge(agentId) }),
  });
}

export const useModelUsage = (agentId: string) =>
  useQuery({
    queryKey: llmKeys.usage(agentId),
    queryFn: () => fetchJson<ModelUsageView>(`${agentPath(agentId)}/usage`),
  });

export const useTryAgent = (agentId: string) =>
  useMutation({
    mutationFn: (body: TryAgentInput) =>
      fetchJson<TryAgentResult>(`${agentPath(agentId)}/try`, { method: "POST", body }),
  });
