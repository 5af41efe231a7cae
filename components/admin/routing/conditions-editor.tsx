"use client";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import type { Condition } from "@/lib/client/admin";
import { rowKey } from "../row-key";

/** One condition as typed: the field (topic or a context key), the operator, and the value ("in": comma-separated). */
export interface ConditionDraft {
  key: string;
  source: "topic" | "context";
  contextKey: string;
  op: Condition["op"];
  value: string;
}

export const toConditionDraft = (c: Condition): ConditionDraft => ({
  key: rowKey(),
  source: c.field === "topic" ? "topic" : "context",
  contextKey: c.field === "topic" ? "" : c.field.slice("context.".length),
  op: c.op,
  value: Array.isArray(c.value) ? c.value.join(", ") : String(c.value),
});

export const fromConditionDraft = (d: ConditionDraft): Condition => ({
  field: d.source === "topic" ? "topic" : `context.${d.contextKey.trim()}`,
  op: d.op,
  value:
    d.op === "in"
      ? d.value
          .split(",")
          .map((v) => v.trim())
          .filter(Boolean)
      : d.value.trim(),
});

export const emptyCondition = (): ConditionDraft => ({
  key: rowKey(),
  source: "topic",
  contextKey: "",
  op: "equals",
  value: "",
});

const opOptions = [
  { value: "equals", label: "equals" },
  { value: "contains", label: "contains" },
  { value: "in", label: "is one of" },
];

/** Describes a condition in words, for the rule list. */
export function describeCondition(c: Condition): string {
  const field = c.field === "topic" ? "topic" : c.field.slice("context.".length);
  const value = Array.isArray(c.value) ? c.value.join(", ") : String(c.value);
  return `${field} ${opOptions.find((o) => o.value === c.op)?.label ?? c.op} ${value}`;
}

export function ConditionsEditor({
  conditions,
  onChange,
  errors,
}: {
  conditions: ConditionDraft[];
  onChange: (c: ConditionDraft[]) => void;
  errors: Record<string, string>;
}) {
  const set = (index: number, patch: Partial<ConditionDraft>) =>
    onChange(conditions.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="mb-1 text-sm font-medium text-slate-800">Conditions (all must hold)</legend>
      {conditions.length === 0 && (
        <p className="text-sm text-slate-600">No conditions: this rule matches every conversation.</p>
      )}
      {conditions.map((condition, index) => {
        const n = index + 1;
        return (
          <div key={condition.key} className="flex flex-wrap items-start gap-2 rounded-lg border border-slate-200 p-3">
            <Select
              label={`Field, condition ${n}`}
              value={condition.source}
              onValueChange={(v) => set(index, { source: v as ConditionDraft["source"] })}
              options={[
                { value: "topic", label: "Topic" },
                { value: "context", label: "Context key" },
              ]}
              className="w-36"
            />
            {condition.source === "context" && (
              <Input
                label={`Context key, condition ${n}`}
                placeholder="plan"
                value={condition.contextKey}
                onChange={(e) => set(index, { contextKey: e.target.value })}
                error={errors[`conditions.${index}.field`]}
                className="w-36"
              />
            )}
            <Select
              label={`Operator, condition ${n}`}
              value={condition.op}
              onValueChange={(v) => set(index, { op: v as Condition["op"] })}
              options={opOptions}
              className="w-36"
            />
            <Input
              label={`Value, condition ${n}`}
              hint={condition.op === "in" ? "Separate values with commas." : undefined}
              value={condition.value}
              onChange={(e) => set(index, { value: e.target.value })}
              error={errors[`conditions.${index}.value`]}
              className="min-w-40 flex-1"
            />
            <Button
              variant="ghost"
              size="sm"
              className="mt-7"
              aria-label={`Remove condition ${n}`}
              onClick={() => onChange(conditions.filter((_, i) => i !== index))}
            >
              Remove
            </Button>
          </div>
        );
      })}
      <div>
        <Button variant="secondary" size="sm" onClick={() => onChange([...conditions, emptyCondition()])}>
          Add condition
        </Button>
      </div>
    </fieldset>
  );
}
