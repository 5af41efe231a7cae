"use client";

import { type FormEvent, type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { fieldErrors, type RoutingRuleView, useCreateRule, useQueues, useUpdateRule } from "@/lib/client/admin";
import { FormError } from "../form-error";
import {
  type ConditionDraft,
  ConditionsEditor,
  emptyCondition,
  fromConditionDraft,
  toConditionDraft,
} from "./conditions-editor";

/** Creates a routing rule (added last) or edits one. */
export function RuleFormDialog({ rule, trigger }: { rule?: RoutingRuleView; trigger: ReactNode }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [queueId, setQueueId] = useState<string | undefined>();
  const [conditions, setConditions] = useState<ConditionDraft[]>([]);
  const { data: queues = [] } = useQueues();
  const create = useCreateRule();
  const update = useUpdateRule();
  const mutation = rule ? update : create;
  const [missingQueue, setMissingQueue] = useState(false);
  const errors: Record<string, string> = {
    ...fieldErrors(mutation.error),
    ...(missingQueue ? { queueId: "Choose the queue this rule sends to." } : {}),
  };

  const reset = () => {
    setName(rule?.name ?? "");
    setQueueId(rule?.queueId);
    setConditions(rule ? rule.conditions.map(toConditionDraft) : [emptyCondition()]);
    setMissingQueue(false);
    mutation.reset();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissingQueue(!queueId);
    if (!queueId) return;
    const body = { name, queueId, conditions: conditions.map(fromConditionDraft) };
    const onSuccess = () => setOpen(false);
    if (rule) update.mutate({ id: rule.id, ...body }, { onSuccess });
    else create.mutate(body, { onSuccess });
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) reset();
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent title={rule ? `Edit ${rule.name}` : "New routing rule"} width="max-w-2xl">
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          <FormError error={mutation.error} fields={errors} />
          <div className="grid grid-cols-2 gap-4">
            <Input
              label="Name"
              autoComplete="off"
              value={name}
              onChange={(e) => setName(e.target.value)}
              error={errors.name}
            />
            <div className="flex flex-col gap-1.5">
              <Select
                label="Send to queue"
                value={queueId ?? ""}
                onValueChange={(value) => {
                  setQueueId(value);
                  setMissingQueue(false);
                }}
                options={queues.map((q) => ({ value: q.id, label: q.name }))}
                placeholder="Choose a queue…"
              />
              {errors.queueId && <p className="text-xs font-medium text-red-700">{errors.queueId}</p>}
            </div>
          </div>
          <ConditionsEditor conditions={conditions} onChange={setConditions} errors={errors} />
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" pending={mutation.isPending}>
              {rule ? "Save rule" : "Add rule"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
