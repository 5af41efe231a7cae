import { inTransaction } from "@/lib/engine/unit-of-work";

/** Adds one turn's tokens to the conversation's row for this agent (the per-agent figure is the rows' sum). */
export function recordUsage(conversationId: string, agentId: string, usage: { input: number; output: number }) {
  return inTransaction((tx) =>
    tx.modelUsage.upsert({
      where: { conversationId_agentId: { conversationId, agentId } },
      create: { conversationId, agentId, turns: 1, inputTokens: usage.input, outputTokens: usage.output },
      update: {
        turns: { increment: 1 },
        inputTokens: { increment: usage.input },
        outputTokens: { increment: usage.output },
      },
    }),
  );
}
