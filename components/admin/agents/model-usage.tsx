"use client";

import { ErrorAlert } from "@/components/ui/alert";
import { Table, Td, THead, Tr } from "@/components/ui/table";
import { useModelUsage } from "@/lib/client/llm-agents";

const number = (n: number) => n.toLocaleString("en");

/** Tokens the agent used: in all, and in its latest conversations (the reports will chart them). */
export function ModelUsage({ agentId }: { agentId: string }) {
  const usage = useModelUsage(agentId);
  const data = usage.data;
  return (
    <div className="flex flex-col gap-3">
      <ErrorAlert error={usage.error} />
      {data && (
        <>
          <dl className="grid grid-cols-4 gap-3" aria-label="Usage">
            <Figure label="Conversations" value={number(data.conversations)} />
            <Figure label="Turns" value={number(data.turns)} />
            <Figure label="Tokens in" value={number(data.inputTokens)} />
            <Figure label="Tokens out" value={number(data.outputTokens)} />
          </dl>
          {data.recent.length > 0 && (
            <div className="overflow-hidden rounded-lg border border-slate-200">
              <Table caption="Latest conversations">
                <THead columns={["Customer", "Status", "Turns", "Tokens in", "Tokens out"]} />
                <tbody>
                  {data.recent.map((row) => (
                    <Tr key={row.conversationId}>
                      <Td>{row.customerName}</Td>
                      <Td>{row.status}</Td>
                      <Td>{number(row.turns)}</Td>
                      <Td>{number(row.inputTokens)}</Td>
                      <Td>{number(row.outputTokens)}</Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
            </div>
          )}
        </>
      )}
    </div>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg border border-slate-200 px-3 py-2">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold text-slate-900 tabular-nums">{value}</dd>
    </div>
  );
}
