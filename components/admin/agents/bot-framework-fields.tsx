"use client";

import { type Dispatch, type SetStateAction, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { type AgentView, useUpdateAgent } from "@/lib/client/admin";
import { ConfirmDialog } from "../confirm-dialog";
import { CopyField } from "../copy-button";
import type { AiAgentDraft } from "./ai-agent-draft";
import { generateSecret, SecretDialog } from "./secret-dialog";
import { TestActivity } from "./test-activity";

/** The messaging endpoint and reply timeout; once created, the serviceUrl to paste into the bot and a secret rotation. */
export function BotFrameworkFields({
  draft,
  setDraft,
  errors,
  agent,
}: {
  draft: AiAgentDraft;
  setDraft: Dispatch<SetStateAction<AiAgentDraft>>;
  errors: Record<string, string>;
  agent?: AgentView;
}) {
  return (
    <>
      <div className="grid grid-cols-[minmax(0,2fr)_minmax(0,1fr)] gap-4">
        <Input
          label="Messaging endpoint"
          type="url"
          placeholder="https://bot.example.com/api/messages"
          hint="Switchboard POSTs each activity here."
          value={draft.endpointUrl}
          onChange={(event) => setDraft((d) => ({ ...d, endpointUrl: event.target.value }))}
          error={errors.endpointUrl}
        />
        <Input
          label="Reply timeout (ms)"
          type="number"
          min={200}
          max={120000}
          hint="No answer in time: the conversation is escalated."
          value={draft.replyTimeoutMs}
          onChange={(event) => setDraft((d) => ({ ...d, replyTimeoutMs: event.target.value }))}
          error={errors.replyTimeoutMs}
        />
      </div>
      {agent ? (
        <Connection agent={agent} />
      ) : (
        <p className="text-sm text-slate-600">
          A secret is generated when you create the agent, and shown once with the service URL.
        </p>
      )}
    </>
  );
}

function Connection({ agent }: { agent: AgentView }) {
  const update = useUpdateAgent();
  const [secret, setSecret] = useState<string | null>(null);
  const [serviceUrl, setServiceUrl] = useState(agent.serviceUrl ?? null);
  const rotate = async () => {
    const next = generateSecret();
    const saved = await update.mutateAsync({ id: agent.id, secret: next });
    setServiceUrl(saved.serviceUrl ?? null);
    setSecret(next);
  };
  return (
    <div className="flex flex-col gap-3">
      {serviceUrl && <CopyField label="Service URL" value={serviceUrl} />}
      <TestActivity agentId={agent.id} />
      <div className="flex items-center justify-between gap-4 rounded-lg border border-slate-200 bg-slate-50 px-3 py-2.5 text-sm">
        <span className="text-slate-700">
          {agent.hasSecret ? "A secret is set. It was shown once, when it was made." : "No secret is set."}
        </span>
        <ConfirmDialog
          trigger={
            <Button variant="secondary" size="sm">
              Generate a new secret
            </Button>
          }
          title="Generate a new secret?"
          description="The bot stops working until it is given the new secret and the new service URL."
          confirmLabel="Generate"
          onConfirm={rotate}
        />
      </div>
      <SecretDialog agentName={agent.name} secret={secret} serviceUrl={serviceUrl} onDone={() => setSecret(null)} />
    </div>
  );
}
