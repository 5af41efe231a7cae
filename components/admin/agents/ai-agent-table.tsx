"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { Table, Td, THead, Th, Tr } from "@/components/ui/table";
import { type AgentView, type QueueView, useDeleteAgent, useSetPresence } from "@/lib/client/admin";
import { CapacityInput } from "../capacity-input";
import { ConfirmDialog } from "../confirm-dialog";
import { PresenceDot } from "../presence";

const botTypeLabel = { builtin: "Built-in", botframework: "Bot Framework", llm: "Language model" } as const;

/** The AI agents: type, capacity (edited in place), on/off, where they escalate, and their queues. */
export function AiAgentTable({ agents, queues }: { agents: AgentView[]; queues: QueueView[] }) {
  const queueName = (id: string | null) => (id ? (queues.find((q) => q.id === id)?.name ?? "—") : "Same queue");
  const queuesOf = (agentId: string) =>
    queues.filter((q) => q.memberships.some((m) => m.agentId === agentId)).map((q) => q.name);
  return (
    <div className="overflow-hidden rounded-xl border border-slate-200 bg-white">
      <Table caption="AI agents">
        <THead
          className="border-b border-slate-100"
          columns={["Name", "Presence", "Capacity", "Escalates to", "Queues"]}
          actions
        />
        <tbody>
          {agents.map((agent) => (
            <Tr key={agent.id} className="align-top">
              <Th scope="row" pad="px-4 py-3">
                <span className="flex flex-col gap-1">
                  {agent.name}
                  <Badge tone="violet" className="self-start">
                    {botTypeLabel[agent.botType ?? "builtin"]}
                  </Badge>
                </span>
              </Th>
              <Td>
                <PresenceToggle agent={agent} />
              </Td>
              <Td>
                <CapacityInput agent={agent} />
              </Td>
              <Td pad="px-4 py-3" className="text-slate-700">
                {queueName(agent.escalationQueueId)}
              </Td>
              <Td pad="px-4 py-3" className="text-slate-700">
                {queuesOf(agent.id).join(", ") || <span className="text-slate-500">None</span>}
              </Td>
              <Td>
                <RowActions agent={agent} />
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
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
