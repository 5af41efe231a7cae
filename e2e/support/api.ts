import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect } from "@playwright/test";

/**
 * A thin client over the real HTTP API for the tests: each test builds its
 * own queues and agents (unique names), so tests never share state.
 */
export type Json = Record<string, any>;

let counter = 0;
export const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}-${process.pid}-${++counter}`;

/** The API keys scripts/e2e-server.sh created for this server's staff accounts. */
export function staffKey(role: "admin" | "supervisor"): string {
  const dir = path.join(process.cwd(), ".tmp", `e2e-${process.env.E2E_PORT ?? 3100}`);
  return fs.readFileSync(path.join(dir, `${role}.key`), "utf8").trim();
}

export class Api {
  /** Acts as the given key (default: the admin's); pass `null` to call as nobody. */
  constructor(
    readonly request: APIRequestContext,
    readonly apiKey: string | null = staffKey("admin"),
  ) {}

  as(apiKey: string | null) {
    return new Api(this.request, apiKey);
  }

  async call(
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) {
    // A customer's bearer token speaks for itself; staff calls carry the key.
    const auth: Record<string, string> = this.apiKey && !headers?.authorization ? { "x-api-key": this.apiKey } : {};
    const response = await this.request.fetch(path, {
      method,
      data: body === undefined ? undefined : body,
      headers: { ...auth, ...headers },
    });
    const text = await response.text();
    return { status: response.status(), body: text ? JSON.parse(text) : null };
  }

  async ok(
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) {
    const result = await this.call(method, path, body, headers);
    expect(result.status, `${method} ${path} → ${JSON.stringify(result.body)}`).toBeLessThan(300);
    return result.body;
  }

  queue(fields: Json = {}) {
    return this.ok("POST", "/api/queues", { name: unique("Queue"), ...fields });
  }
  ai(fields: Json = {}) {
    return this.ok("POST", "/api/agents", { kind: "ai", botType: "builtin", name: unique("AI"), ...fields });
  }
  rep(fields: Json = {}) {
    return this.ok("POST", "/api/agents", { kind: "human", name: unique("Rep"), presence: "available", ...fields });
  }
  /** A representative's account for `rep`, with an API key of its own (returned). */
  async repKey(rep: Json): Promise<string> {
    const account = await this.ok("POST", "/api/accounts", {
      name: rep.name,
      email: `${rep.id}@e2e.test`,
      password: "rep-password-1",
      role: "representative",
      agentId: rep.id,
      apiKey: true,
    });
    return account.apiKey as string;
  }
  join(queueId: string, agentId: string) {
    return this.ok("PUT", `/api/queues/${queueId}/members/${agentId}`);
  }
  start(fields: Json) {
    return this.ok("POST", "/api/conversations", { customer: { name: "Dana" }, ...fields }) as Promise<{
      conversation: Json;
      customerToken: string;
    }>;
  }
  conversation(id: string) {
    return this.ok("GET", `/api/conversations/${id}`);
  }
  timeline(id: string): Promise<Json[]> {
    return this.ok("GET", `/api/conversations/${id}/timeline`);
  }
  messages(id: string): Promise<Json[]> {
    return this.ok("GET", `/api/conversations/${id}/messages`);
  }
  say(id: string, token: string, text: string) {
    return this.ok("POST", `/api/conversations/${id}/messages`, { text }, { authorization: `Bearer ${token}` });
  }

  /** Polls the timeline until `predicate` holds (for what AI agents do in the background). */
  async waitForTimeline(id: string, predicate: (events: Json[]) => boolean, timeoutMs = 10_000): Promise<Json[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const events = await this.timeline(id);
      if (predicate(events)) return events;
      if (Date.now() > deadline)
        throw new Error(`timeline never matched; it was:\n${events.map((e) => e.type).join("\n")}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export const types = (events: Json[]) => events.map((event) => event.type);
export const last = <T>(items: T[]) => items[items.length - 1];
