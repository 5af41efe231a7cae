"use client";

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
  const set = (index: number, patch: Partial<FaqDraft>) =>
    onChange(entries.map((e, i) => (i === index ? { ...e, ...patch } : e)));
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="mb-1 text-sm font-semibold text-slate-900">FAQ answers</legend>
      <p className="-mt-1 text-xs text-slate-500">
        When a customer's message contains a keyword, the agent answers with the entry's answer.
      </p>
      {entries.length === 0 && <p className="text-sm text-slate-600">No entries yet.</p>}
      {entries.map((entry, index) => (
        <div
          key={entry.key}
          className="grid grid-cols-[minmax(0,1fr)_minmax(0,2fr)_auto] items-start gap-3 rounded-lg border border-slate-200 p-3"
        >
          <Input
            label={`Keywords, entry ${index + 1}`}
            hint="Separate with commas."
            placeholder="price, pricing, cost"
            value={entry.keywords}
            onChange={(event) => set(index, { keywords: event.target.value })}
            error={errors[`faq.${index}.keywords`] ?? errors[`faq.${index}`]}
          />
          <Textarea
            label={`Answer, entry ${index + 1}`}
            rows={2}
            value={entry.answer}
            onChange={(event) => set(index, { answer: event.target.value })}
            error={errors[`faq.${index}.answer`]}
          />
          <Button
            variant="ghost"
            size="sm"
            className="mt-7"
            aria-label={`Remove FAQ entry ${index + 1}`}
            onClick={() => onChange(entries.filter((_, i) => i !== index))}
          >
            Remove
          </Button>
        </div>
      ))}
      <div>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => onChange([...entries, { key: rowKey(), keywords: "", answer: "" }])}
        >
          Add FAQ entry
        </Button>
      </div>
    </fieldset>
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
  const set = (index: number, patch: Partial<SurveyDraft>) =>
    onChange(questions.map((q, i) => (i === index ? { ...q, ...patch } : q)));
  const nextId = () => {
    let n = questions.length + 1;
    while (questions.some((q) => q.id === `q${n}`)) n++;
    return `q${n}`;
  };
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="mb-1 text-sm font-semibold text-slate-900">Survey questions</legend>
      <p className="-mt-1 text-xs text-slate-500">
        Asked in order; the answers are kept in the conversation's context under each key.
      </p>
      {questions.length === 0 && <p className="text-sm text-slate-600">No survey.</p>}
      {questions.map((question, index) => (
        <div
          key={question.key}
          className="grid grid-cols-[10rem_minmax(0,1fr)_auto] items-start gap-3 rounded-lg border border-slate-200 p-3"
        >
          <Input
            label={`Key, question ${index + 1}`}
            value={question.id}
            onChange={(event) => set(index, { id: event.target.value })}
            error={errors[`surveyQuestions.${index}.id`]}
          />
          <Input
            label={`Question ${index + 1}`}
            value={question.question}
            onChange={(event) => set(index, { question: event.target.value })}
            error={errors[`surveyQuestions.${index}.question`]}
          />
          <Button
            variant="ghost"
            size="sm"
            className="mt-7"
            aria-label={`Remove question ${index + 1}`}
            onClick={() => onChange(questions.filter((_, i) => i !== index))}
          >
            Remove
          </Button>
        </div>
      ))}
      <div>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => onChange([...questions, { key: rowKey(), id: nextId(), question: "" }])}
        >
          Add question
        </Button>
      </div>
    </fieldset>
  );
}
