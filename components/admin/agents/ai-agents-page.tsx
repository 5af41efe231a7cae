"use client";

import Link from "next/link";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { type AgentView, useAgents, useQueues } from "@/lib/client/admin";
import { EmptyState, PageHeader } from "../page-header";
import { useLiveAdmin } from "../use-live-admin";
import { AiAgentForm } from "./ai-agent-form";
import { AiAgentTable } from "./ai-agent-table";
import { KnowledgeEditor } from "./knowledge-editor";
import { ModelUsage } from "./model-usage";
import { TryAgentPanel } from "./try-agent-panel";

export function AiAgentsPage() {
  useLiveAdmin();
  const agents = useAgents();
  const queues = useQueues();
  const ai = (agents.data ?? []).filter((a) => a.kind === "ai");
  return (
    <>
      <PageHeader
        title="AI agents"
        description="Built-in agents answer from a greeting, FAQ entries and a survey; Bot Framework agents are your own bots; language-model agents answer with any OpenAI-compatible model. Representatives can hand conversations back to any of them."
        actions={
          <Button asChild>
            <Link href="/admin/agents/new">New AI agent</Link>
          </Button>
        }
      />
      <ErrorAlert error={agents.error ?? queues.error} />
      {agents.isLoading || queues.isLoading ? (
        <p className="flex items-center gap-2 text-sm text-slate-600">
          <Spinner /> Loading AI agents…
        </p>
      ) : ai.length === 0 ? (
        <EmptyState title="No AI agents yet">
          Create one to greet customers and hand them over to representatives.
        </EmptyState>
      ) : (
        <AiAgentTable agents={ai} queues={queues.data ?? []} />
      )}
    </>
  );
}

/** Loads what the form needs, then shows it (the form's state starts from loaded data). */
export function AiAgentFormPage({ agentId }: { agentId?: string }) {
  const agents = useAgents();
  const queues = useQueues();
  const agent = agentId ? agents.data?.find((a) => a.id === agentId) : undefined;
  const ready = agents.data && queues.data;
  return (
    <>
      <PageHeader
        title={agentId ? (agent ? `Edit ${agent.name}` : "Edit AI agent") : "New AI agent"}
        description={
          <Link href="/admin/agents" className="text-blue-700 hover:underline">
            ← Back to AI agents
          </Link>
        }
      />
      <ErrorAlert error={agents.error ?? queues.error} />
      {!ready ? (
        <p className="flex items-center gap-2 text-sm text-slate-600">
          <Spinner /> Loading…
        </p>
      ) : agentId && !agent ? (
        <EmptyState title="This AI agent does not exist">It may have been deleted.</EmptyState>
      ) : (
        <>
          <AiAgentForm agent={agent} queues={queues.data ?? []} />
          {agent?.botType === "llm" && <LanguageModelPanels agent={agent} />}
        </>
      )}
    </>
  );
}

/** What only a saved language-model agent has: its knowledge, a sandbox to try it in, and what it used. */
function LanguageModelPanels({ agent }: { agent: AgentView }) {
  return (
    <div className="mt-6 flex max-w-4xl flex-col gap-6">
      <Panel title="Knowledge">
        <KnowledgeEditor agentId={agent.id} />
      </Panel>
      <Panel title="Try it">
        <TryAgentPanel agentId={agent.id} agentName={agent.name} />
      </Panel>
      <Panel title="Usage">
        <ModelUsage agentId={agent.id} />
      </Panel>
    </div>
  );
}

function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-5">
      <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}
