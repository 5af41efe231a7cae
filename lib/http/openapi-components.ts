import { z } from "zod";
import { createAgentSchema, setPresenceSchema, updateAgentSchema } from "@/lib/agents/schemas";
import { incomingActivitySchema } from "@/lib/ai-agents/schemas";
import { createStaffAccountSchema } from "@/lib/auth/create-staff-account";
import {
  customerConversationSchema,
  customerDraftSchema,
  customerEventSchema,
  customerMessageSchema,
  customerStartedSchema,
  customerWaitingSchema,
} from "@/lib/conversations/customer-view";
import {
  assignSchema,
  closeSchema,
  endSchema,
  postMessageSchema,
  startConversationSchema,
  transferSchema,
} from "@/lib/conversations/schemas";
import { createQueueSchema, updateQueueSchema } from "@/lib/queues/schemas";
import { createRoutingRuleSchema, updateRoutingRuleSchema } from "@/lib/routing-rules/schemas";

/**
 * The OpenAPI document's building blocks: schemas (requests and the customer view from zod, the staff responses by
 * hand), error responses, auth.
 */
export type JsonSchema = Record<string, unknown>;
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429;

export const toJsonSchema = (schema: z.ZodType): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  return rest;
};
/** What a handler sends, from the zod schema it builds the answer with (outputs: every field as sent). */
const toOutputJsonSchema = (schema: z.ZodType): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: "output" });
  return rest;
};
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const list = (name: string) => ({ type: "array", items: ref(name) });
export const nullable = (type: string) => ({ type: [type, "null"] });
export const obj = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({
  type: "object",
  properties,
  required,
});
export const str = { type: "string" };
export const int = { type: "integer" };
export const time = { type: "string", format: "date-time" };
export const nullableTime = { type: ["string", "null"], format: "date-time" };

/** The request schemas, named in components so the document reads well. */
export const requestSchemas: Record<string, z.ZodType> = {
  CreateQueue: createQueueSchema,
  UpdateQueue: updateQueueSchema,
  CreateAgent: createAgentSchema,
  UpdateAgent: updateAgentSchema,
  SetPresence: setPresenceSchema,
  CreateRoutingRule: createRoutingRuleSchema,
  UpdateRoutingRule: updateRoutingRuleSchema,
  StartConversation: startConversationSchema,
  PostMessage: postMessageSchema,
  Transfer: transferSchema,
  End: endSchema,
  Close: closeSchema,
  Assign: assignSchema,
  IncomingActivity: incomingActivitySchema,
  CreateStaffAccount: createStaffAccountSchema,
};
export const nameOf = new Map(Object.entries(requestSchemas).map(([name, schema]) => [schema, name]));

/**
 * What a customer (their conversation's token) is sent: exactly these fields, from the schemas the server builds
 * them with (lib/conversations/customer-view.ts).
 */
const customerSchemas: Record<string, z.ZodType> = {
  CustomerConversation: customerConversationSchema,
  CustomerWaiting: customerWaitingSchema,
  CustomerMessage: customerMessageSchema,
  CustomerEvent: customerEventSchema,
  CustomerDraft: customerDraftSchema,
  CustomerStarted: customerStartedSchema,
};

export const responseSchemas: Record<string, JsonSchema> = {
  ...Object.fromEntries(Object.entries(customerSchemas).map(([name, schema]) => [name, toOutputJsonSchema(schema)])),
  Error: obj({
    error: obj(
      {
        code: {
          type: "string",
          enum: [
            "validation_failed",
            "unauthorized",
            "forbidden",
            "not_found",
            "invalid_state",
            "conflict",
            "upstream_failed",
            "rate_limited",
            "internal",
          ],
        },
        message: str,
        fields: {
          description:
            "validation_failed: the offending fields (dotted paths; `body` for the body as a whole) and what is wrong with each",
          type: "object",
          additionalProperties: { type: "array", items: str },
        },
        state: {
          description:
            "invalid_state: the state that forbids the request (e.g. closed, wrap_up, not_assignee, ai_agent)",
          ...str,
        },
        entity: {
          description: "not_found: what was not found (queue, agent, conversation, routing rule, membership)",
          ...str,
        },
        id: { description: "not_found: the id that was not found", ...str },
        retryAfterSeconds: {
          description: "rate_limited: seconds until a retry may succeed (also the Retry-After header)",
          ...int,
        },
      },
      ["code", "message"],
    ),
  }),
  Queue: obj(
    {
      id: str,
      name: str,
      assignmentMethod: str,
      priority: int,
      isDefault: { type: "boolean" },
      capacityUnits: int,
      wrapUpSeconds: int,
      overflowAfterSeconds: nullable("integer"),
      overflowAction: { type: "string", enum: ["none", "transfer", "end"] },
      overflowQueueId: nullable("string"),
      overflowMessage: nullable("string"),
      inactivityTimeoutSeconds: {
        description:
          "Seconds a customer may be away (no stream open, nothing written) before the conversation ends as abandoned; null = never",
        ...nullable("integer"),
      },
      memberships: {
        description: "Members in join order, with their load and presence",
        type: "array",
        items: { type: "object" },
      },
      counts: { description: "Live conversations by status (list only)", type: "object", additionalProperties: int },
      createdAt: time,
      updatedAt: time,
    },
    ["id", "name", "assignmentMethod", "priority", "isDefault", "capacityUnits", "wrapUpSeconds", "overflowAction"],
  ),
  Membership: obj({ queueId: str, agentId: str, joinOrder: int, joinedAt: time, lastAssignedAt: nullableTime }),
  Agent: obj(
    {
      id: str,
      name: str,
      kind: { type: "string", enum: ["human", "ai"] },
      botType: { type: ["string", "null"], enum: ["builtin", "botframework", "llm", null] },
      capacity: int,
      usedCapacity: int,
      presence: { type: "string", enum: ["available", "busy", "do_not_disturb", "away", "offline"] },
      greeting: nullable("string"),
      escalationQueueId: nullable("string"),
      faq: { type: ["array", "null"] },
      surveyQuestions: { type: ["array", "null"] },
      endpointUrl: { description: "Admins only: the bot's messaging endpoint", ...nullable("string") },
      replyTimeoutMs: int,
      hasSecret: { description: "Admins only", type: "boolean" },
      serviceUrl: {
        description:
          "Admins only. Bot Framework agents: where the bot answers (its path is the credential, so supervisors " +
          "and representatives never see it)",
        ...nullable("string"),
      },
      secret: { description: "Only when a Bot Framework agent is created: its secret, shown once", ...str },
      modelBaseUrl: {
        description: "Admins only. Language-model agents: the OpenAI-compatible base URL, as used (ending in /v1)",
        ...nullable("string"),
      },
      modelName: nullable("string"),
      instructions: { description: "Admins only. Language-model agents: the system prompt", ...nullable("string") },
      hasApiKey: {
        description: "Admins only: whether a model API key is stored (the key is never returned)",
        type: "boolean",
      },
      temperature: nullable("number"),
      maxTurns: {
        description: "Model turns per conversation before it escalates; null: no limit",
        ...nullable("integer"),
      },
      maxTokens: {
        description: "Tokens (in + out) per conversation before it escalates; null: no limit",
        ...nullable("integer"),
      },
      transferQueueIds: { description: "Queues the model may transfer to", type: ["array", "null"], items: str },
      lastAssignedAt: nullableTime,
      lastReleasedAt: nullableTime,
      createdAt: time,
      updatedAt: time,
    },
    ["id", "name", "kind", "capacity", "usedCapacity", "presence"],
  ),
  RoutingRule: obj(
    {
      id: str,
      name: str,
      position: int,
      queueId: str,
      conditions: { type: "array", items: { type: "object" } },
      queue: obj({ id: str, name: str }),
      createdAt: time,
    },
    ["id", "name", "position", "queueId", "conditions"],
  ),
  RoutingRules: obj({
    rules: list("RoutingRule"),
    defaultQueue: { description: "The queue that takes what no rule matches", type: ["object", "null"] },
  }),
  Conversation: obj(
    {
      id: str,
      status: { type: "string", enum: ["open", "active", "wrap_up", "closed"] },
      customerName: str,
      topic: nullable("string"),
      context: { type: "object" },
      handoff: { description: "The latest hand-over: who, why, note and summary", type: ["object", "null"] },
      queueId: nullable("string"),
      assigneeId: nullable("string"),
      queue: { type: ["object", "null"], properties: { id: str, name: str } },
      assignee: { type: ["object", "null"], properties: { id: str, name: str, kind: str } },
      waiting: {
        description: "While it waits: its place in line and an estimate (single conversation only)",
        type: ["object", "null"],
        properties: { position: int, estimatedWaitSeconds: nullable("integer") },
      },
      customerPresence: {
        description:
          "Whether the customer has the chat open: connected while one of their streams lives (on any server), " +
          "away otherwise; `since` is when they connected, or when they were last seen (null: never connected)",
        type: "object",
        properties: { state: { type: "string", enum: ["connected", "away"] }, since: nullableTime },
      },
      wrapUpPendingFor: {
        description:
          "The representative whose wrap-up is still to do: the customer went away while they held it, and it closed",
        ...nullable("string"),
      },
      createdAt: time,
      updatedAt: time,
      closedAt: nullableTime,
    },
    ["id", "status", "customerName", "queueId", "assigneeId"],
  ),
  StartedConversation: obj({
    conversation: ref("Conversation"),
    customerToken: { description: "The customer's bearer token for this conversation, shown once", ...str },
  }),
  Message: obj(
    {
      id: str,
      conversationId: str,
      authorType: { type: "string", enum: ["customer", "agent", "system"] },
      agentId: nullable("string"),
      text: str,
      agent: { type: ["object", "null"], properties: { id: str, name: str, kind: str } },
      createdAt: time,
    },
    ["id", "conversationId", "authorType", "text", "createdAt"],
  ),
  TimelineEvent: obj(
    {
      id: int,
      conversationId: str,
      seq: int,
      type: str,
      actorType: str,
      actorId: nullable("string"),
      data: { type: "object" },
      createdAt: time,
    },
    ["seq", "type", "actorType", "data", "createdAt"],
  ),
};

export const errorResponses: Record<ErrorStatus, [name: string, description: string]> = {
  400: ["BadRequest", "Validation failed: the body is not JSON, or `error.fields` names each offending field"],
  401: ["Unauthorized", "The credentials are missing or wrong (e.g. a bearer token that is not this conversation's)"],
  403: ["Forbidden", "The caller may not do this (e.g. a customer transferring their own conversation)"],
  404: ["NotFound", "`error.entity` and `error.id` name what was not found"],
  409: ["Conflict", "The current state forbids it (`error.state` names it), or a concurrent change won"],
  429: [
    "TooManyRequests",
    "A rate limit was reached: the Retry-After header and `error.retryAfterSeconds` say when to try again",
  ],
  413: ["PayloadTooLarge", "The body is over the size limit (`error.limitBytes`); it was not read in full"],
  415: ["UnsupportedMediaType", "A body that is not declared `application/json` (`error.contentType`)"],
};

export const securitySchemes = {
  customerToken: {
    type: "http",
    scheme: "bearer",
    description: "The customer token returned when the conversation started",
  },
  staffSession: {
    type: "apiKey",
    in: "cookie",
    name: "better-auth.session_token",
    description: "A signed-in staff member's session",
  },
  staffApiKey: { type: "apiKey", in: "header", name: "x-api-key", description: "A staff account's API key" },
  metricsToken: { type: "http", scheme: "bearer", description: "The token set in SWITCHBOARD_METRICS_TOKEN" },
};
