"use client";

import { type ChangeEvent, type FormEvent, useState } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input, Textarea } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { fieldErrors } from "@/lib/client/admin";
import { useAddKnowledge, useDeleteKnowledge, useKnowledge } from "@/lib/client/llm-agents";
import { ConfirmDialog } from "../confirm-dialog";

/**
 * What a language-model agent can search: FAQ entries and documents (pasted, or a Markdown or plain-text file read
 * in the browser and sent as text). Each is chunked and indexed when added; the model finds them with its
 * search_knowledge tool, and staff see which entry an answer came from.
 */
export function KnowledgeEditor({ agentId }: { agentId: string }) {
  const knowledge = useKnowledge(agentId);
  const remove = useDeleteKnowledge(agentId);
  return (
    <div className="flex flex-col gap-5">
      <ErrorAlert error={knowledge.error ?? remove.error} />
      {knowledge.isPending ? (
        <p className="flex items-center gap-2 text-sm text-slate-600">
          <Spinner /> Loading knowledge…
        </p>
      ) : (knowledge.data ?? []).length === 0 ? (
        <p className="text-sm text-slate-600">Nothing yet: add FAQ entries or documents below.</p>
      ) : (
        <ul
          className="flex flex-col divide-y divide-slate-100 rounded-lg border border-slate-200"
          aria-label="Knowledge"
        >
          {(knowledge.data ?? []).map((source) => (
            <li key={source.id} className="flex items-start justify-between gap-4 px-3 py-2.5">
              <div className="min-w-0">
                <p className="flex items-center gap-2 text-sm font-medium text-slate-900">
                  <Badge tone={source.kind === "faq" ? "blue" : "violet"}>
                    {source.kind === "faq" ? "FAQ" : "Document"}
                  </Badge>
                  <span className="truncate">{source.title}</span>
                </p>
                <p className="mt-1 line-clamp-2 text-xs text-slate-600">{source.body}</p>
                <p className="mt-0.5 text-xs text-slate-500">
                  {source.length.toLocaleString()} characters · {source.chunks}{" "}
                  {source.chunks === 1 ? "piece" : "pieces"}
                </p>
              </div>
              <ConfirmDialog
                trigger={
                  <Button variant="ghost" size="sm" aria-label={`Remove ${source.title}`}>
                    Remove
                  </Button>
                }
                title={`Remove “${source.title}”?`}
                description="The agent will no longer find it."
                confirmLabel="Remove"
                onConfirm={() => remove.mutateAsync(source.id)}
              />
            </li>
          ))}
        </ul>
      )}
      <div className="grid grid-cols-2 gap-5">
        <FaqForm agentId={agentId} />
        <DocumentForm agentId={agentId} />
      </div>
    </div>
  );
}

function FaqForm({ agentId }: { agentId: string }) {
  const add = useAddKnowledge(agentId);
  const [question, setQuestion] = useState("");
  const [answer, setAnswer] = useState("");
  const errors = fieldErrors(add.error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await add.mutateAsync({ kind: "faq", question, answer });
      setQuestion("");
      setAnswer("");
    } catch {
      // shown below
    }
  };
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3 rounded-lg border border-slate-200 p-3">
      <h3 className="text-sm font-semibold text-slate-900">Add a FAQ entry</h3>
      <Input label="Question" value={question} onChange={(e) => setQuestion(e.target.value)} error={errors.question} />
      <Textarea
        label="Answer"
        rows={3}
        value={answer}
        onChange={(e) => setAnswer(e.target.value)}
        error={errors.answer}
      />
      <Button type="submit" variant="secondary" size="sm" className="self-start" pending={add.isPending}>
        Add FAQ entry
      </Button>
    </form>
  );
}

function DocumentForm({ agentId }: { agentId: string }) {
  const add = useAddKnowledge(agentId);
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [fileError, setFileError] = useState<string | null>(null);
  const errors = fieldErrors(add.error);
  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setFileError(null);
    if (!file) return;
    if (!/\.(md|markdown|txt)$/i.test(file.name)) {
      setFileError("Choose a Markdown (.md) or plain-text (.txt) file.");
      return;
    }
    setTitle((current) => current || file.name);
    setText(await file.text());
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await add.mutateAsync({ kind: "document", title, text });
      setTitle("");
      setText("");
    } catch {
      // shown below
    }
  };
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3 rounded-lg border border-slate-200 p-3">
      <h3 className="text-sm font-semibold text-slate-900">Add a document</h3>
      <Input label="Title" value={title} onChange={(e) => setTitle(e.target.value)} error={errors.title} />
      <Textarea
        label="Text"
        rows={3}
        placeholder="Paste it here, or choose a file below."
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={errors.text}
      />
      <Input
        label="Or upload a .md or .txt file"
        type="file"
        accept=".md,.markdown,.txt,text/markdown,text/plain"
        onChange={readFile}
        error={fileError}
      />
      <Button type="submit" variant="secondary" size="sm" className="self-start" pending={add.isPending}>
        Add document
      </Button>
    </form>
  );
}
