import { z } from "zod";

const id = z.string().trim().min(1).max(100);

/**
 * What a bot sends to the channel's "send / reply to activity" call, as a bot
 * built with botbuilder makes it: loose (activities carry many fields we
 * ignore), but what Switchboard acts on is checked before anything happens.
 */
export const incomingActivitySchema = z.looseObject({
  type: z.string().min(1),
  text: z.string().max(10_000).optional(),
  /** Buttons with the message (only those that send text back are shown: activities.ts, suggestedChoices). */
  suggestedActions: z
    .looseObject({
      actions: z
        .array(
          z.looseObject({
            type: z.string().max(40),
            title: z.string().max(1000).optional(),
            value: z.unknown().optional(),
            text: z.string().max(1000).optional(),
            displayText: z.string().max(1000).optional(),
          }),
        )
        .max(50),
    })
    .optional(),
  channelData: z
    .looseObject({
      command: z
        .discriminatedUnion("type", [
          z.looseObject({
            type: z.literal("Escalate"),
            value: z
              .looseObject({
                /** Where to; omitted = the agent's escalation queue, else the conversation's queue. */
                queueId: id.optional(),
                summary: z.string().max(4000).optional(),
                note: z.string().max(2000).optional(),
              })
              .optional(),
          }),
          z.looseObject({ type: z.literal("EndConversation"), value: z.looseObject({}).optional() }),
        ])
        .optional(),
    })
    .optional(),
});
