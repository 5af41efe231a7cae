"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { type AgentView, type QueueView, useDeleteAgent, useSetPresence } from "@/lib/client/admin";
import { CapacityInput } from "../capacity-input";
import { ConfirmDialog } from "../confirm-dialog";
import { PresenceDot } from "../presence";

/** The AI agents: type, capacity (edited in place), on/off, where they escalate, and their queues. */
export function AiAgentTable({ agents, queues }: { agents: AgentView[]; queues: QueueView[] }) {
  const queueName = (id: string | null) => (id ? (queues.find((q) => q.id === id)?.name ?? "—") : "Same queue");
  const queuesOf = (agentId: string) =>
    queues.filter((q) => q.memberships.some((m) => m.agentId === agentId)).map((q) => q.name);
  return (
    <div className="overflow-hidden rounded-xl border border-slate-200 bg-white">
      <table className="w-full text-sm">
        <caption className="sr-only">AI agents</caption>
        <thead className="border-b border-slate-100 text-left text-xs text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Name
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Presence
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Capacity
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Escalates to
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Queues
            </th>
            <th scope="col" className="px-4 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {agents.map((agent) => (
            <tr key={agent.id} className="border-b border-slate-100 align-top last:border-0">
              <th scope="row" className="px-4 py-3 text-left font-medium text-slate-900">
                <span className="flex flex-col gap-1">
                  {agent.name}
                  <Badge tone="violet" className="self-start">
                    {agent.botType === "botframework" ? "Bot Framework" : "Built-in"}
                  </Badge>
                </span>
              </th>
              <td className="px-4 py-2">
                <PresenceToggle agent={agent} />
              </td>
              <td className="px-4 py-2">
                <CapacityInput agent={agent} />
              </td>
              <td className="px-4 py-3 text-slate-700">{queueName(agent.escalationQueueId)}</td>
              <td className="px-4 py-3 text-slate-700">
                {queuesOf(agent.id).join(", ") || <span className="text-slate-400">None</span>}
              </td>
              <td className="px-4 py-2">
                <RowActions agent={agent} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PresenceToggle({ agent }: { agent: AgentView }) {
  const presence = useSetPresence();
  return (
    <Select
      label={`Presence of ${agent.name}`}
      hideLabel
      value={agent.presence}
      onValueChange={(value) => presence.mutate({ id: agent.id, presence: value as AgentView["presence"] })}
      options={[
        { value: "available", label: "Available", indicator: <PresenceDot presence="available" /> },
        { value: "offline", label: "Offline", indicator: <PresenceDot presence="offline" /> },
      ]}
      className="w-36"
    />
  );
}

function RowActions({ agent }: { agent: AgentView }) {
  const remove = useDeleteAgent();
  return (
    <div className="flex justify-end gap-1">
      <Button asChild variant="ghost" size="sm">
        <Link href={`/admin/agents/${agent.id}`} aria-label={`Edit ${agent.name}`}>
          Edit
        </Link>
      </Button>
      <ConfirmDialog
        trigger={
          <Button variant="ghost" size="sm" aria-label={`Delete ${agent.name}`}>
            Delete
          </Button>
        }
        title={`Delete ${agent.name}?`}
        description="An agent that has taken part in conversations cannot be deleted (timelines keep it): set it offline and remove it from its queues instead."
        confirmLabel="Delete AI agent"
        onConfirm={() => remove.mutateAsync(agent.id)}
      />
    </div>
  );
}
