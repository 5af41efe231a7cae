"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Textarea } from "@/components/ui/field";
import { RadioCard, RadioGroup } from "@/components/ui/radio-group";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import {
  type AgentView,
  fieldErrors,
  type QueueView,
  useCreateAgent,
  useSetMembership,
  useUpdateAgent,
} from "@/lib/client/admin";
import { FormError } from "../form-error";
import { type AiAgentDraft, toCreateBody, toDraft, toUpdateBody } from "./ai-agent-draft";
import { BotFrameworkFields } from "./bot-framework-fields";
import { FaqEditor, SurveyEditor } from "./list-editors";
import { ModelFields } from "./model-fields";
import { QueueCheckboxes } from "./queue-checkboxes";
import { SecretDialog } from "./secret-dialog";

const SAME_QUEUE = "__same";

/** Creates an AI agent (built-in or Bot Framework) or edits one; queue memberships are saved with it. */
export function AiAgentForm({ agent, queues }: { agent?: AgentView; queues: QueueView[] }) {
  const router = useRouter();
  const toast = useToast();
  const [draft, setDraft] = useState<AiAgentDraft>(() => toDraft(agent, queues));
  const [created, setCreated] = useState<(AgentView & { secret?: string }) | null>(null);
  const create = useCreateAgent();
  const update = useUpdateAgent();
  const membership = useSetMembership();
  const mutation = agent ? update : create;
  const errors = fieldErrors(mutation.error);
  const set =
    <K extends keyof AiAgentDraft>(key: K) =>
    (value: AiAgentDraft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));
  const text = (key: "name" | "capacity" | "greeting") => ({
    value: draft[key],
    onChange: (event: { target: { value: string } }) => set(key)(event.target.value),
    error: errors[key],
  });

  const saveMemberships = async (agentId: string) => {
    const before = new Set(agent ? toDraft(agent, queues).queueIds : []);
    const after = new Set(draft.queueIds);
    for (const queueId of after)
      if (!before.has(queueId)) await membership.mutateAsync({ queueId, agentId, member: true });
    for (const queueId of before)
      if (!after.has(queueId)) await membership.mutateAsync({ queueId, agentId, member: false });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const saved: AgentView & { secret?: string } = agent
        ? await update.mutateAsync({ id: agent.id, ...toUpdateBody(draft) })
        : await create.mutateAsync(toCreateBody(draft));
      await saveMemberships(saved.id);
      if (saved.secret) {
        setCreated(saved);
        return;
      }
      toast({ title: agent ? `${saved.name} saved` : `${saved.name} created`, tone: "success" });
      router.push("/admin/agents");
    } catch {
      // shown by FormError / field errors
    }
  };

  return (
    <form onSubmit={submit} noValidate className="flex max-w-4xl flex-col gap-6">
      <FormError error={mutation.error ?? membership.error} fields={errors} />
      {!agent && (
        <RadioGroup
          label="Type"
          value={draft.botType}
          onValueChange={(v) => setDraft((d) => withType(d, v as AiAgentDraft["botType"]))}
        >
          <div className="grid grid-cols-3 gap-3">
            <RadioCard
              value="builtin"
              label="Built-in"
              description="Runs inside Switchboard: greeting, FAQ answers, survey."
            />
            <RadioCard
              value="botframework"
              label="Bot Framework"
              description="Your own bot, reached at its messaging endpoint."
            />
            <RadioCard
              value="llm"
              label="Language model"
              description="Any OpenAI-compatible model, with tools and knowledge."
            />
          </div>
        </RadioGroup>
      )}
      <Section title="Basics">
        <div className="grid grid-cols-[minmax(0,2fr)_minmax(0,1fr)] gap-4">
          <Input label="Name" autoComplete="off" required {...text("name")} />
          <Input
            label="Capacity"
            type="number"
            min={1}
            hint="Ranks it against others in a queue; an AI agent's capacity is never used up."
            {...text("capacity")}
          />
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            checked={draft.enabled}
            disabled={Boolean(agent)}
            onChange={(e) => set("enabled")(e.target.checked)}
            className="size-4 accent-blue-600"
          />
          {agent ? "Presence is changed from the AI agents list." : "Available as soon as it is created"}
        </label>
        <QueueCheckboxes queues={queues} value={draft.queueIds} onChange={set("queueIds")} />
      </Section>
      <Section title="Conversation">
        <Textarea
          label={draft.botType === "llm" ? "Fixed greeting (optional)" : "Greeting"}
          placeholder="Hi {customerName}, I'm {agentName}. How can I help?"
          hint={
            draft.botType === "llm"
              ? "Leave empty and the model writes its greeting from its instructions and the conversation's context."
              : "Sent when the agent joins a conversation. {customerName} and {agentName} are filled in."
          }
          {...text("greeting")}
        />
        <div className="max-w-md">
          <Select
            label="Escalation queue"
            value={draft.escalationQueueId || SAME_QUEUE}
            onValueChange={(v) => set("escalationQueueId")(v === SAME_QUEUE ? "" : v)}
            options={[
              { value: SAME_QUEUE, label: "The queue the conversation is in" },
              ...queues.map((q) => ({ value: q.id, label: q.name })),
            ]}
          />
          <p className="mt-1.5 text-xs text-slate-500">
            Where the conversation goes when the customer asks for a person.
          </p>
          {errors.escalationQueueId && (
            <p className="mt-1 text-xs font-medium text-red-700">{errors.escalationQueueId}</p>
          )}
        </div>
      </Section>
      {draft.botType === "builtin" && (
        <Section title="Answers and survey">
          <FaqEditor entries={draft.faq} onChange={set("faq")} errors={errors} />
          <SurveyEditor questions={draft.survey} onChange={set("survey")} errors={errors} />
        </Section>
      )}
      {draft.botType === "botframework" && (
        <Section title="Bot Framework">
          <BotFrameworkFields draft={draft} setDraft={setDraft} errors={errors} agent={agent} />
        </Section>
      )}
      {draft.botType === "llm" && (
        <Section title="Language model">
          <ModelFields draft={draft} setDraft={setDraft} errors={errors} agent={agent} queues={queues} />
        </Section>
      )}
      <div className="flex gap-2 border-t border-slate-200 pt-4">
        <Button type="submit" pending={mutation.isPending || membership.isPending}>
          {agent ? "Save changes" : "Create AI agent"}
        </Button>
        <Button variant="secondary" onClick={() => router.push("/admin/agents")}>
          Cancel
        </Button>
      </div>
      <SecretDialog
        agentName={created?.name ?? ""}
        secret={created?.secret ?? null}
        serviceUrl={created?.serviceUrl ?? null}
        onDone={() => router.push("/admin/agents")}
      />
    </form>
  );
}

/** A language model is slower than a bot: its default reply timeout is longer, unless the admin typed one. */
function withType(draft: AiAgentDraft, botType: AiAgentDraft["botType"]): AiAgentDraft {
  const untouched = draft.replyTimeoutMs === "10000" || draft.replyTimeoutMs === "30000";
  const replyTimeoutMs = untouched ? (botType === "llm" ? "30000" : "10000") : draft.replyTimeoutMs;
  return { ...draft, botType, replyTimeoutMs };
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-5">
      <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}
