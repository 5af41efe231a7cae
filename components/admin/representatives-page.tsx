"use client";

import { type FormEvent, useState } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { Table, Td, THead, Th, Tr } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import {
  type AgentView,
  fieldErrors,
  type Presence,
  useAgents,
  useCreateAgent,
  useDeleteAgent,
  useQueues,
  useSetPresence,
} from "@/lib/client/admin";
import { CapacityInput } from "./capacity-input";
import { ConfirmDialog } from "./confirm-dialog";
import { presenceLabel } from "./labels";
import { EmptyState, PageHeader } from "./page-header";
import { PresenceDot } from "./presence";
import { useLiveAdmin } from "./use-live-admin";

const presenceOptions = (Object.keys(presenceLabel) as Presence[]).map((value) => ({
  value,
  label: presenceLabel[value],
  indicator: <PresenceDot presence={value} />,
}));

/** Representatives: the people who take conversations. Capacity is how many units of work each holds at once. */
export function RepresentativesPage() {
  useLiveAdmin();
  const agents = useAgents();
  const queues = useQueues();
  const reps = (agents.data ?? []).filter((a) => a.kind === "human");
  const queuesOf = (id: string) =>
    (queues.data ?? []).filter((q) => q.memberships.some((m) => m.agentId === id)).map((q) => q.name);
  return (
    <>
      <PageHeader
        title="Representatives"
        description="Each active conversation uses capacity units (set per queue) until it is transferred, ended or wrapped up."
      />
      <NewRepresentative />
      <ErrorAlert error={agents.error} />
      {agents.isLoading ? (
        <p className="mt-6 flex items-center gap-2 text-sm text-slate-600">
          <Spinner /> Loading representatives…
        </p>
      ) : reps.length === 0 ? (
        <div className="mt-6">
          <EmptyState title="No representatives yet">Add the people who take conversations above.</EmptyState>
        </div>
      ) : (
        <div className="mt-6 overflow-hidden rounded-xl border border-slate-200 bg-white">
          <Table caption="Representatives">
            <THead
              className="border-b border-slate-100"
              columns={["Name", "Presence", "Capacity", "In use", "Queues"]}
              actions
            />
            <tbody>
              {reps.map((rep) => (
                <Tr key={rep.id}>
                  <Th scope="row">{rep.name}</Th>
                  <Td>
                    <RepPresence rep={rep} />
                  </Td>
                  <Td>
                    <CapacityInput agent={rep} />
                  </Td>
                  <Td pad="px-4 py-3" className="text-slate-700 tabular-nums">
                    {rep.usedCapacity} of {rep.capacity}
                  </Td>
                  <Td pad="px-4 py-3" className="text-slate-700">
                    {queuesOf(rep.id).join(", ") || <span className="text-slate-500">None</span>}
                  </Td>
                  <Td className="text-right">
                    <DeleteRep rep={rep} />
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </>
  );
}

function NewRepresentative() {
  const create = useCreateAgent();
  const toast = useToast();
  const [name, setName] = useState("");
  const [capacity, setCapacity] = useState("3");
  const [presence, setPresence] = useState<Presence>("available");
  const errors = fieldErrors(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { kind: "human", name, capacity: capacity.trim() === "" ? 1 : Number(capacity), presence },
      {
        onSuccess: (rep) => {
          setName("");
          toast({
            title: `${rep.name} added`,
            description: "Add them to queues from the Queues page.",
            tone: "success",
          });
        },
      },
    );
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby="new-rep-title"
      className="rounded-xl border border-slate-200 bg-white p-4"
    >
      <h2 id="new-rep-title" className="mb-3 text-sm font-semibold text-slate-900">
        Add a representative
      </h2>
      <div className="flex items-start gap-3">
        <Input
          label="Name"
          autoComplete="off"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.name}
          className="w-72"
        />
        <Input
          label="Capacity"
          type="number"
          min={1}
          value={capacity}
          onChange={(e) => setCapacity(e.target.value)}
          error={errors.capacity}
          className="w-28"
        />
        <Select
          label="Presence"
          value={presence}
          onValueChange={(v) => setPresence(v as Presence)}
          options={presenceOptions}
          className="w-48"
        />
        <Button type="submit" className="mt-7" pending={create.isPending}>
          Add representative
        </Button>
      </div>
      {create.error && Object.keys(errors).length === 0 && <ErrorAlert error={create.error} className="mt-3" />}
    </form>
  );
}

function RepPresence({ rep }: { rep: AgentView }) {
  const set = useSetPresence();
  return (
    <Select
      label={`Presence of ${rep.name}`}
      hideLabel
      value={rep.presence}
      onValueChange={(value) => set.mutate({ id: rep.id, presence: value as Presence })}
      options={presenceOptions}
      className="w-44"
    />
  );
}

function DeleteRep({ rep }: { rep: AgentView }) {
  const remove = useDeleteAgent();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" aria-label={`Delete ${rep.name}`}>
          Delete
        </Button>
      }
      title={`Delete ${rep.name}?`}
      description="A representative who has taken part in conversations cannot be deleted (timelines keep them): set them offline and remove them from their queues instead."
      confirmLabel="Delete representative"
      onConfirm={() => remove.mutateAsync(rep.id)}
    />
  );
}
