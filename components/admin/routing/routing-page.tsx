"use client";

import { ErrorAlert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import {
  type RoutingRuleView,
  type RuleWarning,
  useDeleteRule,
  useMoveRule,
  useQueues,
  useRoutingRules,
  useRulesCheck,
  useUpdateQueue,
} from "@/lib/client/admin";
import { ConfirmDialog } from "../confirm-dialog";
import { EmptyState, PageHeader } from "../page-header";
import { describeCondition } from "./conditions-editor";
import { RuleFormDialog } from "./rule-form-dialog";

/** Routing rules in evaluation order (the first match wins), and the default queue for everything else. */
export function RoutingPage() {
  const { data, isLoading, error } = useRoutingRules();
  const { data: check } = useRulesCheck();
  const move = useMoveRule();
  const rules = data?.rules ?? [];
  const warningFor = new Map((check?.warnings ?? []).map((w) => [w.ruleId, w]));
  return (
    <>
      <PageHeader
        title="Routing rules"
        description="A new conversation goes to the queue of the first rule whose conditions all hold; if none does, to the default queue."
        actions={<RuleFormDialog trigger={<Button>New rule</Button>} />}
      />
      <DefaultQueue />
      <ErrorAlert error={error ?? move.error} className="mt-4" />
      <RulesCheck warnings={check?.warnings} />
      <h2 className="mt-8 mb-3 text-sm font-semibold text-slate-900">Rules, in order</h2>
      {isLoading ? (
        <p className="flex items-center gap-2 text-sm text-slate-600">
          <Spinner /> Loading rules…
        </p>
      ) : rules.length === 0 ? (
        <EmptyState title="No routing rules">Every conversation goes to the default queue.</EmptyState>
      ) : (
        <ol className="flex flex-col gap-2" aria-busy={move.isPending || undefined}>
          {rules.map((rule, index) => (
            <li key={rule.id} className="flex items-center gap-4 rounded-xl border border-slate-200 bg-white px-4 py-3">
              <span className="grid size-7 shrink-0 place-items-center rounded-full bg-slate-100 text-xs font-semibold text-slate-700">
                {index + 1}
              </span>
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                  {rule.name}
                  {warningFor.get(rule.id) && (
                    <Badge tone={warningFor.get(rule.id)?.code === "rule_never_matches" ? "red" : "amber"}>
                      {warningFor.get(rule.id)?.code === "rule_never_matches" ? "Never matches" : "Never reached"}
                    </Badge>
                  )}
                </p>
                <p className="mt-0.5 truncate text-sm text-slate-600">
                  {rule.conditions.length ? rule.conditions.map(describeCondition).join(" and ") : "Every conversation"}
                  {" → "}
                  <span className="font-medium text-slate-800">{rule.queue.name}</span>
                </p>
              </div>
              <div className="flex shrink-0 items-center gap-1">
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Move ${rule.name} up`}
                  disabled={index === 0 || move.isPending}
                  onClick={() => move.mutate({ rules, index, by: -1 })}
                >
                  ↑ Up
                </Button>
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Move ${rule.name} down`}
                  disabled={index === rules.length - 1 || move.isPending}
                  onClick={() => move.mutate({ rules, index, by: 1 })}
                >
                  ↓ Down
                </Button>
                <RuleFormDialog
                  rule={rule}
                  trigger={
                    <Button variant="ghost" size="sm" aria-label={`Edit ${rule.name}`}>
                      Edit
                    </Button>
                  }
                />
                <DeleteRule rule={rule} />
              </div>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

/** The rules' checker (lib/routing-rules/check-routing-rules.ts): rules that can never send anything anywhere. */
function RulesCheck({ warnings }: { warnings: RuleWarning[] | undefined }) {
  if (!warnings || warnings.length === 0) return null;
  return (
    <section aria-labelledby="rules-check-title" className="mt-6 rounded-xl border border-slate-200 bg-white">
      <h2 id="rules-check-title" className="border-b border-slate-100 px-4 py-3 text-sm font-semibold text-slate-900">
        Rule check
      </h2>
      <ul aria-live="polite" className="flex flex-col gap-2 px-4 py-3" data-testid="rules-check">
        {warnings.map((warning) => {
          const error = warning.severity === "error";
          return (
            <li
              key={`${warning.ruleId}:${warning.code}`}
              data-code={warning.code}
              className={`flex items-start gap-3 rounded-lg border px-3 py-2 text-sm ${error ? "border-red-200 bg-red-50 text-red-900" : "border-amber-200 bg-amber-50 text-amber-950"}`}
            >
              <Badge tone={error ? "red" : "amber"} className="mt-px">
                {error ? "Error" : "Warning"}
              </Badge>
              <span>{warning.message}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function DefaultQueue() {
  const { data: queues = [] } = useQueues();
  const update = useUpdateQueue();
  const current = queues.find((q) => q.isDefault);
  return (
    <section
      aria-labelledby="default-queue-title"
      className="flex items-end justify-between gap-6 rounded-xl border border-slate-200 bg-white p-4"
    >
      <div>
        <h2 id="default-queue-title" className="flex items-center gap-2 text-sm font-semibold text-slate-900">
          Default queue {current ? <Badge tone="blue">{current.name}</Badge> : <Badge tone="red">None</Badge>}
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {current
            ? "Takes every conversation no rule matches."
            : "Without a default queue, a conversation no rule matches cannot start."}
        </p>
        <ErrorAlert error={update.error} className="mt-2" />
      </div>
      <Select
        label="Default queue"
        hideLabel
        value={current?.id ?? ""}
        placeholder="Choose the default queue…"
        onValueChange={(id) => update.mutate({ id, isDefault: true })}
        options={queues.map((q) => ({ value: q.id, label: q.name }))}
        className="w-64"
      />
    </section>
  );
}

function DeleteRule({ rule }: { rule: RoutingRuleView }) {
  const remove = useDeleteRule();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" aria-label={`Delete ${rule.name}`}>
          Delete
        </Button>
      }
      title={`Delete ${rule.name}?`}
      description="Conversations it matched will go to the next matching rule or the default queue."
      confirmLabel="Delete rule"
      onConfirm={() => remove.mutateAsync(rule.id)}
    />
  );
}
