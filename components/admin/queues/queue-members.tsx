"use client";

import { useState } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { Table, Td, THead, Th, Tr } from "@/components/ui/table";
import { type QueueView, useAgents, useSetMembership } from "@/lib/client/admin";
import { CapacityInput } from "../capacity-input";
import { PresenceLabel } from "../presence";

/** A queue's members, best-ranked capacity first in mind: capacity edits in place, members added and removed here. */
export function QueueMembers({ queue }: { queue: QueueView }) {
  const membership = useSetMembership();
  return (
    <section aria-labelledby="members-title" className="rounded-xl border border-slate-200 bg-white">
      <div className="flex items-center justify-between gap-4 border-b border-slate-100 px-4 py-3">
        <h3 id="members-title" className="text-sm font-semibold text-slate-900">
          Members <span className="font-normal text-slate-500">({queue.memberships.length})</span>
        </h3>
      </div>
      {queue.memberships.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-600">No members yet. Add AI agents and representatives below.</p>
      ) : (
        <Table caption={`Members of ${queue.name}`}>
          <THead className="border-b border-slate-100" columns={["Name", "Presence", "Capacity", "In use"]} actions />
          <tbody>
            {[...queue.memberships]
              .sort((a, b) => b.agent.capacity - a.agent.capacity || a.joinOrder - b.joinOrder)
              .map(({ agent }) => (
                <Tr key={agent.id}>
                  <Th scope="row">
                    <span className="flex items-center gap-2">
                      {agent.name}
                      <Badge tone={agent.kind === "ai" ? "violet" : "green"}>
                        {agent.kind === "ai" ? "AI agent" : "Rep"}
                      </Badge>
                    </span>
                  </Th>
                  <Td>
                    <PresenceLabel presence={agent.presence} />
                  </Td>
                  <Td>
                    <CapacityInput agent={agent} />
                  </Td>
                  <Td className="text-slate-600 tabular-nums">
                    {agent.kind === "ai" ? (
                      <span title="An AI agent's capacity is never used up">—</span>
                    ) : (
                      `${agent.usedCapacity} of ${agent.capacity}`
                    )}
                  </Td>
                  <Td className="text-right">
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={`Remove ${agent.name} from ${queue.name}`}
                      onClick={() => membership.mutate({ queueId: queue.id, agentId: agent.id, member: false })}
                    >
                      Remove
                    </Button>
                  </Td>
                </Tr>
              ))}
          </tbody>
        </Table>
      )}
      <div className="border-t border-slate-100 px-4 py-3">
        <AddMember queue={queue} />
        <ErrorAlert error={membership.error} className="mt-2" />
      </div>
    </section>
  );
}

function AddMember({ queue }: { queue: QueueView }) {
  const { data: agents = [] } = useAgents();
  const add = useSetMembership();
  const [agentId, setAgentId] = useState<string | undefined>();
  const memberIds = new Set(queue.memberships.map((m) => m.agentId));
  const candidates = agents.filter((a) => !memberIds.has(a.id));
  const option = (a: (typeof agents)[number]) => ({
    value: a.id,
    label: a.name,
    description: `Capacity ${a.capacity}`,
  });
  const groups = [
    { label: "AI agents", options: candidates.filter((a) => a.kind === "ai").map(option) },
    { label: "Representatives", options: candidates.filter((a) => a.kind === "human").map(option) },
  ].filter((g) => g.options.length > 0);

  if (candidates.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        Every agent is already a member. Create more under AI agents or Representatives.
      </p>
    );
  }
  return (
    <form
      className="flex items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (agentId)
          add.mutate({ queueId: queue.id, agentId, member: true }, { onSuccess: () => setAgentId(undefined) });
      }}
    >
      <Select
        label="Add member"
        value={agentId ?? ""}
        onValueChange={setAgentId}
        options={groups}
        placeholder="Choose an agent…"
        className="w-72"
      />
      <Button type="submit" variant="secondary" disabled={!agentId} pending={add.isPending}>
        Add to queue
      </Button>
      <ErrorAlert error={add.error} />
    </form>
  );
}
