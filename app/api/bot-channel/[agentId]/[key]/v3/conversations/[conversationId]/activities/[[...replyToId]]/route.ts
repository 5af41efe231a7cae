import type { Activity } from "@/lib/ai-agents/activities";
import { channelKeyMatches } from "@/lib/ai-agents/botframework-channel";
import { handleAgentActivity } from "@/lib/ai-agents/handle-agent-activity";
import { incomingActivitySchema } from "@/lib/ai-agents/schemas";
import { collectTestReply } from "@/lib/ai-agents/send-test-activity";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { json, readJson, route } from "@/lib/http/handle";
import { httpLimits } from "@/lib/http/request-limits";

type Params = { agentId: string; key: string; conversationId: string; replyToId?: string[] };

/** The Bot Framework connector's "send / reply to activity" call, as a bot built with botbuilder makes it. */
export const POST = route<Params>(async (request, { agentId, key, conversationId, replyToId }) => {
  const agent = await getDb().agent.findUnique({ where: { id: agentId } });
  // One answer for an unknown agent and a wrong key: the path is the credential.
  if (agent?.botType !== "botframework" || !channelKeyMatches(agent, key)) {
    throw new AppError("unauthorized", "unknown agent or wrong channel key in the serviceUrl");
  }
  // Its own size limit: activities may carry cards and attachments.
  const activity = (await readJson(request, incomingActivitySchema, {
    maxBytes: httpLimits().botMaxBodyBytes,
  })) as Activity;
  // An admin's "send test activity": collected for the admin, never touches a real conversation.
  if (collectTestReply(conversationId, activity)) return json({ id: crypto.randomUUID() }, 200);
  // What it replies to is in the path (`.../activities/{replyToId}`); botbuilder also copies it into the body.
  const inReplyTo = replyToId?.[0] ?? (typeof activity.replyToId === "string" ? activity.replyToId : undefined);
  const { id } = await handleAgentActivity({
    agentId,
    conversationId,
    activity: { ...activity, replyToId: inReplyTo },
  });
  return json({ id: id ?? crypto.randomUUID() }, 200);
});
