import { z } from "zod";
import type { Activity } from "@/lib/ai-agents/activities";
import { channelKeyMatches } from "@/lib/ai-agents/botframework-channel";
import { handleAgentActivity } from "@/lib/ai-agents/handle-agent-activity";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { json, readJson, route } from "@/lib/http/handle";

type Params = { agentId: string; key: string; conversationId: string; replyToId?: string[] };

/** The Bot Framework connector's "send / reply to activity" call, as a bot built with botbuilder makes it. */
const activitySchema = z.looseObject({
  type: z.string().min(1),
  text: z.string().max(10_000).optional(),
  channelData: z
    .looseObject({
      command: z
        .discriminatedUnion("type", [
          z.looseObject({ type: z.literal("Escalate"), value: z.looseObject({}).optional() }),
          z.looseObject({ type: z.literal("EndConversation"), value: z.looseObject({}).optional() }),
        ])
        .optional(),
    })
    .optional(),
});

export const POST = route<Params>(async (request, { agentId, key, conversationId }) => {
  const agent = await getDb().agent.findUnique({ where: { id: agentId } });
  // One answer for an unknown agent and a wrong key: the path is the credential.
  if (!agent || agent.botType !== "botframework" || !channelKeyMatches(agent, key)) {
    throw new AppError("unauthorized", "unknown agent or wrong channel key in the serviceUrl");
  }
  const activity = (await readJson(request, activitySchema)) as Activity;
  const { id } = await handleAgentActivity({ agentId, conversationId, activity });
  return json({ id: id ?? crypto.randomUUID() }, 200);
});
