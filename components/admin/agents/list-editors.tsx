"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Input, Textarea } from "@/components/ui/field";
import { rowKey } from "../row-key";

/** Editors for a built-in AI agent's FAQ entries and survey questions: rows added and removed in place. */
export interface FaqDraft {
  key: string;
  keywords: string;
  answer: string;
}
export interface SurveyDraft {
  key: string;
  id: string;
  question: string;
}

type Errors = Record<string, string>;

export function FaqEditor({
  entries,
  onChange,
  errors,
}: {
  entries: FaqDraft[];
  onChange: (e: FaqDraft[]) => void;
  errors: Errors;
}) {
  return (
    <RowsEditor
      legend="FAQ answers"
      hint="When a customer's message contains a keyword, the agent answers with the entry's answer."
      empty="No entries yet."
      columns="grid-cols-[minmax(0,1fr)_minmax(0,2fr)_auto]"
      rows={entries}
      onChange={onChange}
      removeLabel={(n) => `Remove FAQ entry ${n}`}
      addLabel="Add FAQ entry"
      newRow={() => ({ key: rowKey(), keywords: "", answer: "" })}
      fields={(entry, index, set) => (
        <>
          <Input
            label={`Keywords, entry ${index + 1}`}
            hint="Separate with commas."
            placeholder="price, pricing, cost"
            value={entry.keywords}
            onChange={(event) => set({ keywords: event.target.value })}
            error={errors[`faq.${index}.keywords`] ?? errors[`faq.${index}`]}
          />
          <Textarea
            label={`Answer, entry ${index + 1}`}
            rows={2}
            value={entry.answer}
            onChange={(event) => set({ answer: event.target.value })}
            error={errors[`faq.${index}.answer`]}
          />
        </>
      )}
    />
  );
}

export function SurveyEditor({
  questions,
  onChange,
  errors,
}: {
  questions: SurveyDraft[];
  onChange: (q: SurveyDraft[]) => void;
  errors: Errors;
}) {
  const nextId = () => {
    let n = questions.length + 1;
    while (questions.some((q) => q.id === `q${n}`)) n++;
    return `q${n}`;
  };
  return (
    <RowsEditor
      legend="Survey questions"
      hint="Asked in order; the answers are kept in the conversation's context under each key."
      empty="No survey."
      columns="grid-cols-[10rem_minmax(0,1fr)_auto]"
      rows={questions}
      onChange={onChange}
      removeLabel={(n) => `Remove question ${n}`}
      addLabel="Add question"
      newRow={() => ({ key: rowKey(), id: nextId(), question: "" })}
      fields={(question, index, set) => (
        <>
          <Input
            label={`Key, question ${index + 1}`}
            value={question.id}
            onChange={(event) => set({ id: event.target.value })}
            error={errors[`surveyQuestions.${index}.id`]}
          />
          <Input
            label={`Question ${index + 1}`}
            value={question.question}
            onChange={(event) => set({ question: event.target.value })}
            error={errors[`surveyQuestions.${index}.question`]}
          />
        </>
      )}
    />
  );
}

/** A fieldset of rows, each its own fields and a Remove button, and an Add button under them. */
function RowsEditor<Row extends { key: string }>({
  legend,
  hint,
  empty,
  columns,
  rows,
  onChange,
  fields,
  removeLabel,
  addLabel,
  newRow,
}: {
  legend: string;
  hint: string;
  empty: string;
  /** The grid's columns: the row's fields, then `auto` for Remove. */
  columns: string;
  rows: Row[];
  onChange: (rows: Row[]) => void;
  fields: (row: Row, index: number, set: (patch: Partial<Row>) => void) => ReactNode;
  /** The Remove button's accessible name, given the row's number (from 1). */
  removeLabel: (n: number) => string;
  addLabel: string;
  newRow: () => Row;
}) {
  const set = (index: number, patch: Partial<Row>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="mb-1 text-sm font-semibold text-slate-900">{legend}</legend>
      <p className="-mt-1 text-xs text-slate-500">{hint}</p>
      {rows.length === 0 && <p className="text-sm text-slate-600">{empty}</p>}
      {rows.map((row, index) => (
        <div key={row.key} className={`grid ${columns} items-start gap-3 rounded-lg border border-slate-200 p-3`}>
          {fields(row, index, (patch) => set(index, patch))}
          <Button
            variant="ghost"
            size="sm"
            className="mt-7"
            aria-label={removeLabel(index + 1)}
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            Remove
          </Button>
        </div>
      ))}
      <div>
        <Button variant="secondary" size="sm" onClick={() => onChange([...rows, newRow()])}>
          {addLabel}
        </Button>
      </div>
    </fieldset>
  );
}
