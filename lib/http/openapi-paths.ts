import type { z } from "zod";
import { createAgentSchema, setPresenceSchema, updateAgentSchema } from "@/lib/agents/schemas";
import { addKnowledgeSchema } from "@/lib/ai-agents/llm/knowledge/schemas";
import { tryAgentSchema } from "@/lib/ai-agents/llm/schemas";
import { incomingActivitySchema } from "@/lib/ai-agents/schemas";
import { createStaffAccountSchema } from "@/lib/auth/create-staff-account";
import {
  assignSchema,
  closeSchema,
  endSchema,
  listConversationsQuery,
  postMessageSchema,
  requestPersonSchema,
  startConversationSchema,
  timelineQuery,
  transferSchema,
} from "@/lib/conversations/schemas";
import { createQueueSchema, updateQueueSchema } from "@/lib/queues/schemas";
import { createRoutingRuleSchema, updateRoutingRuleSchema } from "@/lib/routing-rules/schemas";
import { type ErrorStatus, int, type JsonSchema, list, obj, ref, str } from "./openapi-components";

/** Every path and method of the HTTP API, as the OpenAPI document describes them. */
export type Method = "get" | "post" | "put" | "patch" | "delete";

/**
 * Who may call: any signed-in staff member, a supervisor (or admin), an admin,
 * the agent's own representative (or a supervisor), or the conversation's
 * customer (its token) and the staff who may see it. Omitted: anyone.
 */
export type Access = "staff" | "supervisor" | "admin" | "self" | "conversation" | "scraper";

export interface Operation {
  summary: string;
  description?: string;
  access?: Access;
  body?: z.ZodType;
  query?: z.ZodType;
  /** Parameters read by hand rather than through a schema. */
  extraParameters?: JsonSchema[];
  ok: { status: number; description: string; schema?: JsonSchema; stream?: true; text?: string };
  /** What the request itself can be refused for; the credentials' 401/403 follow from `access`. */
  errors: ErrorStatus[];
}

const sse = (description: string) => ({ status: 200, description, stream: true as const });
const noContent = { status: 204, description: "Done" };
const json = (status: number, description: string, schema?: JsonSchema) => ({ status, description, schema });
/** A conversation route answers staff with the staff view and the customer (their token) with the customer view. */
const byAudience = (staff: JsonSchema, customer: JsonSchema) => ({ oneOf: [staff, customer] });
const audiences =
  "Staff get the full view; the conversation's customer (their token) gets the customer view (`Customer…` schemas): " +
  "their messages, who is answering, joins and leaves, their place in line, the status — never notes, summaries, " +
  "routing explanations, other agents or the context sent to AI agents.";

export const paths: Record<string, Partial<Record<Method, Operation>>> = {
  "/api/health": {
    get: { summary: "Liveness and database check", ok: json(200, "Up", obj({ ok: { const: true } })), errors: [] },
  },
  "/api/metrics": {
    get: {
      summary: "Prometheus metrics",
      description:
        "The Prometheus text exposition: assignments and their latency, waiting per queue and the longest wait, " +
        "hand-offs and hand-backs, bot delivery failures and time-outs, API latency by route, open streams, and " +
        "the process's own. Off (404) unless the server runs with SWITCHBOARD_METRICS_TOKEN.",
      access: "scraper",
      ok: { status: 200, description: "The metrics", text: "text/plain; version=0.0.4" },
      errors: [404],
    },
  },
  "/api/openapi.json": { get: { summary: "This document", ok: json(200, "The OpenAPI 3.1 document"), errors: [] } },
  "/api/bench/noop": {
    get: {
      summary: "Benchmark baseline: no database, no input",
      description: "Served only when the server runs with SWITCHBOARD_BENCH_ROUTES=on (the bench does); else 404.",
      ok: json(200, "Ok"),
      errors: [404],
    },
    post: {
      summary: "Benchmark baseline: the body is not read",
      description: "Served only when the server runs with SWITCHBOARD_BENCH_ROUTES=on (the bench does); else 404.",
      ok: json(200, "Ok"),
      errors: [404],
    },
  },
  "/api/me": {
    get: {
      summary: "Who is signed in: role and, for a representative, their agent",
      access: "staff",
      ok: json(200, "The staff member"),
      errors: [],
    },
  },
  "/api/accounts": {
    get: { summary: "Staff accounts", access: "admin", ok: json(200, "The accounts"), errors: [] },
    post: {
      summary: "Create a staff account; with `apiKey: true` an API key is returned, once",
      access: "admin",
      body: createStaffAccountSchema,
      ok: json(201, "Created"),
      errors: [400, 404, 409],
    },
  },
  "/api/auth/{all}": {
    get: {
      summary: "Better Auth's endpoints (session, …) under /api/auth/",
      ok: json(200, "See Better Auth"),
      errors: [],
    },
    post: {
      summary: "Better Auth's endpoints (sign-in, sign-out, API keys, …) under /api/auth/",
      ok: json(200, "See Better Auth"),
      errors: [],
    },
  },
  "/api/dashboard": {
    get: {
      summary: "Live figures: queues, agents, waiting and active conversations",
      access: "supervisor",
      ok: json(200, "The dashboard"),
      errors: [],
    },
  },
  "/api/stream": {
    get: {
      summary: "Everything, live (server-sent events)",
      description:
        "Every timeline event as default frames, plus `agent` and `queue` frames when load, presence or a line changes. No history.",
      access: "supervisor",
      ok: sse("An event stream"),
      errors: [],
    },
  },
  "/api/queues": {
    get: {
      summary: "Queues with their members and live counts",
      access: "staff",
      ok: json(200, "The queues", list("Queue")),
      errors: [],
    },
    post: {
      summary: "Create a queue",
      access: "admin",
      body: createQueueSchema,
      ok: json(201, "Created", ref("Queue")),
      errors: [400, 404, 409],
    },
  },
  "/api/queues/{id}": {
    get: {
      summary: "One queue with its members",
      access: "staff",
      ok: json(200, "The queue", ref("Queue")),
      errors: [404],
    },
    patch: {
      summary: "Edit a queue",
      access: "admin",
      body: updateQueueSchema,
      ok: json(200, "Edited", ref("Queue")),
      errors: [400, 404, 409],
    },
    delete: {
      summary: "Delete a queue nobody is waiting in or served through",
      access: "admin",
      ok: noContent,
      errors: [404, 409],
    },
  },
  "/api/queues/{id}/check": {
    get: {
      summary: "Configuration warnings: what would leave a customer stuck in this queue",
      access: "staff",
      ok: json(200, "The warnings"),
      errors: [404],
    },
  },
  "/api/queues/{id}/members/{agentId}": {
    put: {
      summary: "Add an agent to the queue (idempotent)",
      access: "admin",
      ok: json(201, "Added (200 when it already was a member)", ref("Membership")),
      errors: [404],
    },
    delete: {
      summary: "Remove an agent from the queue; conversations it holds stay with it",
      access: "admin",
      ok: noContent,
      errors: [404],
    },
  },
  "/api/agents": {
    get: {
      summary: "AI agents and representatives",
      description: "A Bot Framework agent's `endpointUrl` and `serviceUrl` are shown to admins only.",
      access: "staff",
      ok: json(200, "The agents", list("Agent")),
      errors: [],
    },
    post: {
      summary: "Create an AI agent or a representative",
      description:
        "A Bot Framework agent's secret is generated unless given, and returned once, here. An `endpointUrl` whose " +
        "host is not on SWITCHBOARD_BOT_HOSTS (when set) is a 400.",
      access: "admin",
      body: createAgentSchema,
      ok: json(201, "Created", ref("Agent")),
      errors: [400, 404],
    },
  },
  "/api/agents/{id}": {
    get: { summary: "One agent", access: "staff", ok: json(200, "The agent", ref("Agent")), errors: [404] },
    patch: {
      summary: "Edit an agent (not its kind or bot type)",
      description:
        "AI-only fields on a representative, or Bot Framework fields on another agent, are a 409; so is a " +
        "`capacity` below what the agent holds now (`state: capacity_below_load`, with `capacity` and " +
        "`usedCapacity`), and nothing is changed. An `endpointUrl` off SWITCHBOARD_BOT_HOSTS is a 400.",
      access: "admin",
      body: updateAgentSchema,
      ok: json(200, "Edited", ref("Agent")),
      errors: [400, 404, 409],
    },
    delete: {
      summary: "Delete an agent that never took part in a conversation",
      access: "admin",
      ok: noContent,
      errors: [404, 409],
    },
  },
  "/api/agents/{id}/presence": {
    put: {
      summary: "Set an agent's presence",
      description: "An AI agent is either available or offline (anything else is a 409).",
      access: "self",
      body: setPresenceSchema,
      ok: json(200, "The agent", ref("Agent")),
      errors: [400, 404, 409],
    },
  },
  "/api/agents/{id}/test-activity": {
    post: {
      summary: "Send a Bot Framework agent a test conversation",
      description:
        "The bot gets the set-context event and a message in a throw-away conversation (nothing is stored); the " +
        "replies it sends back through the channel are returned, with how long it took. A bot that does not accept " +
        "the activities gives `ok: false` and the reason.",
      access: "admin",
      ok: json(200, "What the bot answered: { ok, error, elapsedMs, replies[{ type, text, command }] }"),
      errors: [404, 409],
    },
  },
  "/api/agents/{id}/knowledge": {
    get: {
      summary: "A language-model agent's knowledge: FAQ entries and documents",
      description: "Newest first; a document's text is previewed (its full `length` and number of `chunks` given).",
      access: "admin",
      ok: json(200, "The sources: { id, kind, title, body, length, chunks, createdAt }[]"),
      errors: [404],
    },
    post: {
      summary: "Add a FAQ entry or a document (pasted, or an uploaded .md/.txt file's text)",
      description:
        "Chunked (a document at its Markdown headings) and indexed for full-text search in the same transaction. " +
        "Only language-model agents have knowledge (409 otherwise).",
      access: "admin",
      body: addKnowledgeSchema,
      ok: json(201, "The source as listed"),
      errors: [400, 404, 409, 413],
    },
  },
  "/api/agents/{id}/knowledge/{sourceId}": {
    delete: {
      summary: "Remove a knowledge source and its chunks",
      access: "admin",
      ok: noContent,
      errors: [404],
    },
  },
  "/api/agents/{id}/try": {
    post: {
      summary: "Try a language-model agent in a sandbox conversation",
      description:
        "One real turn (the same prompt, tools and model call as live), in a conversation that is never stored and " +
        "never enters a queue: send the transcript so far (empty: the greeting). Escalate, transfer and end are " +
        "reported in `decision`, not carried out; `toolCalls` lists every call with its result; `failure` says why a " +
        "live conversation would have been escalated instead.",
      access: "admin",
      body: tryAgentSchema,
      ok: json(200, "{ reply, decision, toolCalls[], facts, usage, failure, personRequested }"),
      errors: [400, 404, 409],
    },
  },
  "/api/agents/{id}/usage": {
    get: {
      summary: "Tokens a language-model agent used, in all and per recent conversation",
      access: "supervisor",
      ok: json(200, "{ conversations, turns, inputTokens, outputTokens, recent[] }"),
      errors: [404],
    },
  },
  "/api/agents/{id}/stream": {
    get: {
      summary: "A representative's inbox, live (server-sent events)",
      access: "self",
      ok: sse("`inbox` frames as conversations reach or leave them"),
      errors: [404],
    },
  },
  "/api/routing-rules": {
    get: {
      summary: "Routing rules in evaluation order, and the default queue",
      access: "staff",
      ok: json(200, "The rules", ref("RoutingRules")),
      errors: [],
    },
    post: {
      summary: "Add a routing rule",
      access: "admin",
      body: createRoutingRuleSchema,
      ok: json(201, "Created", ref("RoutingRule")),
      errors: [400, 404],
    },
  },
  "/api/routing-rules/check": {
    get: {
      summary: "Routing rules that can never match, or that an earlier rule shadows",
      description:
        "`{warnings: [{ruleId, code, severity, message}]}`: `rule_never_matches` (an empty value, or conditions on one field that contradict each other) and `rule_shadowed` (an earlier rule matches every conversation this one would).",
      access: "staff",
      ok: json(200, "The warnings"),
      errors: [],
    },
  },
  "/api/routing-rules/{id}": {
    patch: {
      summary: "Edit a routing rule",
      access: "admin",
      body: updateRoutingRuleSchema,
      ok: json(200, "Edited", ref("RoutingRule")),
      errors: [400, 404],
    },
    delete: { summary: "Delete a routing rule", access: "admin", ok: noContent, errors: [404] },
  },
  "/api/conversations": {
    get: {
      summary: "Conversations, newest first (a representative sees only theirs)",
      access: "staff",
      query: listConversationsQuery,
      ok: json(200, "The conversations", list("Conversation")),
      errors: [400],
    },
    post: {
      summary: "A customer starts a conversation",
      description:
        "Routed to the named queue, else by the first matching routing rule, else to the default queue; with none of these it is a 409 (`no_default_queue`). " +
        "Anyone may call; signed-in staff (session or API key) get the staff view back, anyone else the customer view. " +
        "One client address may start SWITCHBOARD_LIMIT_STARTS_PER_MINUTE conversations a minute (429 beyond).",
      body: startConversationSchema,
      ok: json(201, "Started; keep the customer token", byAudience(ref("StartedConversation"), ref("CustomerStarted"))),
      errors: [400, 404, 409, 429],
    },
  },
  "/api/conversations/{id}": {
    get: {
      summary: "One conversation",
      description: audiences,
      access: "conversation",
      ok: json(200, "The conversation", byAudience(ref("Conversation"), ref("CustomerConversation"))),
      errors: [404],
    },
  },
  "/api/conversations/{id}/messages": {
    get: {
      summary: "The transcript",
      description: audiences,
      access: "conversation",
      ok: json(200, "Messages, oldest first", byAudience(list("Message"), list("CustomerMessage"))),
      errors: [404],
    },
    post: {
      summary: "Write in the conversation",
      description:
        "The customer, or the representative who holds it. Closed, wrap-up, or (for staff) waiting conversations are a 409.",
      access: "conversation",
      body: postMessageSchema,
      ok: json(201, "Sent (to the customer, as the customer view)", byAudience(ref("Message"), ref("CustomerMessage"))),
      errors: [400, 404, 409],
    },
  },
  "/api/conversations/{id}/request-person": {
    post: {
      summary: "The customer asks for a person (the chat's button)",
      description:
        "Customer only (bearer token; staff get a 403). Writes \"I'd like to talk to a person, please.\" in the transcript as the customer's line. " +
        "An AI agent holding the conversation is sent a Bot Framework `event` activity named `requestHuman` " +
        '(`value: {source: "button", text}`) instead of a message; a built-in agent escalates at once, and a Bot Framework ' +
        "agent that has not escalated within its reply time-out is escalated for. Waiting or with a person, the line is all. " +
        "A closed or wrap-up conversation is a 409.",
      access: "conversation",
      body: requestPersonSchema,
      ok: json(201, "The customer's line, as the customer view", ref("CustomerMessage")),
      errors: [400, 403, 404, 409],
    },
  },
  "/api/conversations/{id}/transfer": {
    post: {
      summary: "Transfer to an agent or a queue",
      description:
        "Give exactly one of `toAgentId` or `toQueueId`. The sender is disconnected first. A closed or wrap-up conversation, a target that already holds it, or an agent that cannot take it (presence, capacity) is a 409; a customer may not transfer (403).",
      access: "conversation",
      body: transferSchema,
      ok: json(200, "The conversation after the transfer", ref("Conversation")),
      errors: [400, 404, 409],
    },
  },
  "/api/conversations/{id}/end": {
    post: {
      summary: "End an active conversation (a representative's goes to wrap-up)",
      access: "conversation",
      body: endSchema,
      ok: json(200, "The conversation", ref("Conversation")),
      errors: [400, 404, 409],
    },
  },
  "/api/conversations/{id}/close": {
    post: {
      summary: "Close: wrap-up done, the customer leaving, or a supervisor force-closing",
      description:
        "A representative must end (wrap-up) an active conversation before closing it (409). When the customer went " +
        "away (left, or inactive past the queue's time-out) while a representative held it, the conversation closed " +
        "at once and released them; that representative's close then records their wrap-up (`notes`), once " +
        "(`conversation.wrapped_up`). Closing a closed conversation otherwise is a 409.",
      access: "conversation",
      body: closeSchema,
      ok: json(
        200,
        "The conversation (to the customer, as the customer view)",
        byAudience(ref("Conversation"), ref("CustomerConversation")),
      ),
      errors: [400, 404, 409],
    },
  },
  "/api/conversations/{id}/assign": {
    post: {
      summary: "Assign a waiting conversation to a chosen agent",
      access: "supervisor",
      body: assignSchema,
      ok: json(200, "The conversation", ref("Conversation")),
      errors: [400, 404, 409],
    },
  },
  "/api/conversations/{id}/timeline": {
    get: {
      summary: "The timeline",
      description: `${audiences} A customer's events keep the conversation's sequence numbers; staff-only events are left out.`,
      access: "conversation",
      query: timelineQuery,
      ok: json(200, "Events in order", byAudience(list("TimelineEvent"), list("CustomerEvent"))),
      errors: [400, 404],
    },
  },
  "/api/conversations/{id}/stream": {
    get: {
      summary: "The timeline, live (server-sent events)",
      description:
        "History first, then live events; each frame's id is its sequence number, so a reconnecting EventSource resumes where it left off. `position` frames while it waits. " +
        "Staff get `TimelineEvent` frames; the customer gets `CustomerEvent` frames (staff-only events are not sent) and `CustomerWaiting` position frames. " +
        "While a language-model agent writes a reply, the customer also gets `draft` frames (`CustomerDraft`, no id: they are not part of the timeline): " +
        "numbered deltas of the reply, the last one `done: true`; the finished reply then arrives once, as a message. Staff streams carry no drafts. " +
        "Streams opened with the customer's token are limited per conversation and per client address (429 beyond).",
      access: "conversation",
      extraParameters: [
        {
          name: "token",
          in: "query",
          required: false,
          description: "The customer's token, for EventSource (which cannot send an Authorization header)",
          schema: str,
        },
        {
          name: "lastEventId",
          in: "query",
          required: false,
          description: "Resume after this sequence number (0 to the conversation's last; anything else is a 400)",
          schema: int,
        },
        {
          name: "Last-Event-ID",
          in: "header",
          required: false,
          description: "Resume after this sequence number (EventSource reconnects); wins over the query",
          schema: str,
        },
      ],
      ok: sse("An event stream"),
      errors: [400, 404, 429],
    },
  },
  "/api/bot-channel/{agentId}/{key}/v3/conversations/{conversationId}/activities": {
    post: {
      summary: "A Bot Framework bot sends an activity to its serviceUrl",
      description:
        "The path is the credential: an unknown agent or a wrong key is a 401. Only the agent holding the conversation may speak in it (409).",
      body: incomingActivitySchema,
      ok: json(200, "Accepted", obj({ id: str })),
      errors: [400, 401, 404, 409],
    },
  },
};

// The bot channel's optional catch-all `[[...replyToId]]`: "reply to activity" is the same call with the id appended.
paths["/api/bot-channel/{agentId}/{key}/v3/conversations/{conversationId}/activities/{replyToId}"] =
  paths["/api/bot-channel/{agentId}/{key}/v3/conversations/{conversationId}/activities"];
