import { randomUUID } from "node:crypto";
import { getAgentOrThrow } from "@/lib/agents/list-agents";
import { invalidState } from "@/lib/errors";
import { type Activity, channelId, setContextActivity } from "./activities";
import { sendToBot } from "./botframework-channel";

/**
 * "Send test activity" for an admin setting up a Bot Framework agent: a
 * throw-away conversation (never stored) gets the set-context event and a
 * message, and whatever the bot answers through the channel is collected and
 * shown. Replies to a test conversation never reach a real one.
 */
const testPrefix = "switchboard-test-";
const pending = new Map<string, Activity[]>();

/** Called by the channel route: true when the reply belonged to a test and was collected. */
export function collectTestReply(conversationId: string, activity: Activity): boolean {
  if (!conversationId.startsWith(testPrefix)) return false;
  pending.get(conversationId)?.push(activity);
  return true;
}

export interface TestActivityResult {
  ok: boolean;
  error: string | null;
  elapsedMs: number;
  /** In the order the bot sent them; `n` numbers them (a stable key for lists). */
  replies: { n: number; type: string; text: string | null; command: string | null }[];
}

const REPLY_GRACE_MS = 300; // a bot may send its last reply just after its turn's HTTP answer

export async function sendTestActivity(agentId: string): Promise<TestActivityResult> {
  const agent = await getAgentOrThrow(agentId);
  if (agent.botType !== "botframework") {
    throw invalidState("only a Bot Framework agent can be sent a test activity", { state: agent.botType ?? "human" });
  }
  const conversationId = `${testPrefix}${randomUUID()}`;
  const replies: Activity[] = [];
  pending.set(conversationId, replies);
  const started = Date.now();
  let error: string | null = null;
  try {
    const context = {
      conversationId,
      customer: { name: "Test customer" },
      topic: "Switchboard connection test",
      queue: null,
      handoff: null,
      custom: { test: true },
    };
    await sendToBot(agent, setContextActivity(conversationId, agent, context));
    await sendToBot(agent, {
      type: "message",
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      channelId,
      conversation: { id: conversationId },
      from: { id: "switchboard-test", name: "Test customer", role: "user" },
      recipient: { id: agent.id, name: agent.name, role: "bot" },
      text: "Hello! This is a test message from Switchboard.",
    });
    await new Promise((resolve) => setTimeout(resolve, REPLY_GRACE_MS));
  } catch (failure) {
    error = (failure as Error).message;
  } finally {
    pending.delete(conversationId);
  }
  return {
    ok: error === null,
    error,
    elapsedMs: Date.now() - started,
    replies: replies.map((reply, n) => ({
      n,
      type: reply.type,
      text: reply.text ?? null,
      command: reply.channelData?.command?.type ?? null,
    })),
  };
}
