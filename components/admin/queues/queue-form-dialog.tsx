"use client";

import { type FormEvent, type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { Input, Textarea } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { fieldErrors, type QueueView, useCreateQueue, useQueues, useUpdateQueue } from "@/lib/client/admin";
import { DEFAULT_INACTIVITY_TIMEOUT_SECONDS } from "@/lib/queues/defaults";
import { FormError, toInt } from "../form-error";
import { methodHint, methodLabel } from "../labels";

type Draft = Record<
  | "name"
  | "assignmentMethod"
  | "priority"
  | "capacityUnits"
  | "wrapUpSeconds"
  | "overflowAction"
  | "overflowAfterSeconds"
  | "overflowQueueId"
  | "overflowMessage"
  | "inactivityTimeoutSeconds",
  string
> & { isDefault: boolean };

const toDraft = (q?: QueueView): Draft => ({
  name: q?.name ?? "",
  assignmentMethod: q?.assignmentMethod ?? "highest_capacity",
  priority: String(q?.priority ?? 100),
  isDefault: q?.isDefault ?? false,
  capacityUnits: String(q?.capacityUnits ?? 1),
  wrapUpSeconds: String(q?.wrapUpSeconds ?? 120),
  overflowAction: q?.overflowAction ?? "none",
  overflowAfterSeconds: q?.overflowAfterSeconds == null ? "" : String(q.overflowAfterSeconds),
  overflowQueueId: q?.overflowQueueId ?? "",
  overflowMessage: q?.overflowMessage ?? "",
  // A new queue starts with the API's default; an existing one shows what it has (blank: never).
  inactivityTimeoutSeconds: q
    ? q.inactivityTimeoutSeconds == null
      ? ""
      : String(q.inactivityTimeoutSeconds)
    : String(DEFAULT_INACTIVITY_TIMEOUT_SECONDS),
});

/** Creates a queue, or edits one (`queue` given). Field errors from the API appear beside their fields. */
export function QueueFormDialog({
  queue,
  trigger,
  onSaved,
}: {
  queue?: QueueView;
  trigger: ReactNode;
  onSaved?: (q: QueueView) => void;
}) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft>(() => toDraft(queue));
  const create = useCreateQueue();
  const update = useUpdateQueue();
  const mutation = queue ? update : create;
  const { data: queues = [] } = useQueues();
  const errors = fieldErrors(mutation.error);
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));
  const text = (key: Exclude<keyof Draft, "isDefault">) => ({
    value: draft[key],
    onChange: (event: { target: { value: string } }) => set(key)(event.target.value),
    error: errors[key],
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const overflow = draft.overflowAction;
    const body = {
      name: draft.name,
      assignmentMethod: draft.assignmentMethod as QueueView["assignmentMethod"],
      priority: toInt(draft.priority, 100) as number,
      isDefault: draft.isDefault,
      capacityUnits: toInt(draft.capacityUnits, 1) as number,
      wrapUpSeconds: toInt(draft.wrapUpSeconds, 0) as number,
      overflowAction: overflow as QueueView["overflowAction"],
      overflowAfterSeconds: overflow === "none" ? null : toInt(draft.overflowAfterSeconds),
      overflowQueueId: overflow === "transfer" ? draft.overflowQueueId || null : null,
      overflowMessage: overflow === "end" ? draft.overflowMessage.trim() || null : null,
      inactivityTimeoutSeconds: toInt(draft.inactivityTimeoutSeconds),
    };
    const onSuccess = (saved: QueueView) => {
      setOpen(false);
      onSaved?.(saved);
    };
    if (queue) update.mutate({ id: queue.id, ...body }, { onSuccess });
    else create.mutate(body, { onSuccess });
  };

  const others = queues.filter((q) => q.id !== queue?.id).map((q) => ({ value: q.id, label: q.name }));
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setDraft(toDraft(queue));
          mutation.reset();
        }
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent title={queue ? `Edit ${queue.name}` : "New queue"} width="max-w-xl">
        <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
          <FormError error={mutation.error} fields={errors} />
          <Input label="Name" autoComplete="off" required {...text("name")} />
          <div className="grid grid-cols-2 gap-4">
            <Select
              label="Assignment method"
              value={draft.assignmentMethod}
              onValueChange={set("assignmentMethod")}
              options={Object.entries(methodLabel).map(([value, label]) => ({
                value,
                label,
                description: methodHint[value],
              }))}
            />
            <Input label="Priority" type="number" min={0} hint="Lower is served first." {...text("priority")} />
            <Input
              label="Capacity units per conversation"
              type="number"
              min={1}
              hint="Taken from a representative's capacity."
              {...text("capacityUnits")}
            />
            <Input label="Wrap-up time (seconds)" type="number" min={0} {...text("wrapUpSeconds")} />
            <Input
              label="Customer inactivity time-out (seconds)"
              type="number"
              min={1}
              hint="A customer away this long (chat closed, nothing written) is gone: the chat ends. Empty: never."
              className="col-span-2"
              {...text("inactivityTimeoutSeconds")}
            />
          </div>
          <label className="flex items-start gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              checked={draft.isDefault}
              onChange={(event) => set("isDefault")(event.target.checked)}
              className="mt-0.5 size-4 accent-blue-600"
            />
            <span>
              <span className="font-medium">Default queue</span>
              <span className="block text-xs text-slate-500">Takes conversations no routing rule matches.</span>
            </span>
          </label>
          <fieldset className="flex flex-col gap-4 rounded-lg border border-slate-200 p-4">
            <legend className="px-1 text-sm font-semibold text-slate-900">Overflow</legend>
            <Select
              label="When nobody takes a conversation"
              value={draft.overflowAction}
              onValueChange={set("overflowAction")}
              options={[
                { value: "none", label: "Keep it waiting" },
                { value: "transfer", label: "Move it to another queue" },
                { value: "end", label: "End it with a message" },
              ]}
            />
            {draft.overflowAction !== "none" && (
              <Input
                label="After waiting (seconds)"
                type="number"
                min={1}
                hint="Leave empty to overflow only when no member can ever take it."
                {...text("overflowAfterSeconds")}
              />
            )}
            {draft.overflowAction === "transfer" && (
              <OverflowTarget
                value={draft.overflowQueueId}
                onChange={set("overflowQueueId")}
                options={others}
                error={errors.overflowQueueId}
              />
            )}
            {draft.overflowAction === "end" && (
              <Textarea
                label="Message to the customer"
                placeholder="Sorry, nobody can take your chat right now…"
                {...text("overflowMessage")}
              />
            )}
          </fieldset>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" pending={mutation.isPending}>
              {queue ? "Save changes" : "Create queue"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function OverflowTarget(props: {
  value: string;
  onChange: (v: string) => void;
  options: { value: string; label: string }[];
  error?: string;
}) {
  return (
    <div className="flex flex-col gap-1.5">
      <Select
        label="Move to queue"
        value={props.value}
        onValueChange={props.onChange}
        options={props.options}
        placeholder="Choose a queue…"
      />
      {props.error && <p className="text-xs font-medium text-red-700">{props.error}</p>}
    </div>
  );
}
