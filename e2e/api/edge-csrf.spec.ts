import { expect, test } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { Api, type Json, staffKey, unique } from "../support/api";
import { evil, expectRefused, json, send, show, signInCookie } from "../support/raw-http";

/**
 * Cross-site request forgery, through the real server: a write signed in by the
 * session cookie must come from a trusted origin with a JSON body
 * (lib/http/csrf.ts, lib/http/json-body.ts); API keys and customer tokens are
 * not subject to the origin rule; Better Auth uses the same trusted origins.
 */

/**
 * What a forged request could have changed: the queue it targets, and whether
 * anything with the forged names exists (other tests run alongside, so not whole lists).
 */
async function forgeryTargets(api: Api, queueId: string, forged: { queueName: string; email: string }) {
  const [queue, queues, accounts] = await Promise.all([
    api.ok("GET", `/api/queues/${queueId}`),
    api.ok("GET", "/api/queues"),
    api.ok("GET", "/api/accounts"),
  ]);
  return {
    queue,
    forgedQueues: queues.filter((q: Json) => q.name === forged.queueName),
    forgedAccounts: accounts.filter((a: Json) => a.email === forged.email),
  };
}

test.describe("[CSRF] writes signed in by the session cookie", () => {
  test("from another site, or without saying where from, are refused and change nothing", async ({ request }) => {
    const api = new Api(request);
    const cookie = await signInCookie("admin");
    const queue = await api.queue();
    const forged = { queueName: unique("Forged queue"), email: `${unique("mallory").replace(/\W/g, "")}@evil.example` };
    const newAdmin = JSON.stringify({
      name: "Mallory",
      email: forged.email,
      password: "mallory-password",
      role: "admin",
    });
    const newQueue = JSON.stringify({ name: forged.queueName });
    const snapshot = () => forgeryTargets(api, queue.id, forged);
    const before = await snapshot();
    expect(before.forgedQueues).toEqual([]);
    expect(before.forgedAccounts).toEqual([]);

    // The attack as reproduced: an admin's cookie, another site's Origin, a "simple" text/plain body.
    for (const [target, body] of [
      ["/api/accounts", newAdmin],
      ["/api/queues", newQueue],
    ]) {
      const reply = await send("POST", target, {
        headers: { cookie, origin: evil, "content-type": "text/plain" },
        body,
      });
      expectRefused(reply, 403, "forbidden");
      expect(reply.body?.error.origin).toBe(evil);
      expect(reply.body?.error.message).toContain(evil);
    }
    // Each way a forged write could present itself.
    const attempts: [label: string, method: string, target: string, headers: Record<string, string>, body?: string][] =
      [
        ["evil Origin, JSON", "POST", "/api/queues", { origin: evil, ...json }, newQueue],
        [
          "evil Origin, form",
          "POST",
          "/api/queues",
          { origin: evil, "content-type": "application/x-www-form-urlencoded" },
          "name=x",
        ],
        ["no Origin, evil Referer", "POST", "/api/queues", { referer: `${evil}/page`, ...json }, newQueue],
        ["Origin null (sandboxed frame)", "POST", "/api/queues", { origin: "null", ...json }, newQueue],
        ["neither Origin nor Referer", "POST", "/api/accounts", { ...json }, newAdmin],
        ["another port of this host", "POST", "/api/queues", { origin: "http://127.0.0.1:1", ...json }, newQueue],
        ["PATCH", "PATCH", `/api/queues/${queue.id}`, { origin: evil, ...json }, JSON.stringify({ name: "renamed" })],
        ["DELETE, no body", "DELETE", `/api/queues/${queue.id}`, { origin: evil }],
      ];
    for (const [label, method, target, headers, body] of attempts) {
      await test.step(label, async () => {
        expectRefused(await send(method, target, { headers: { cookie, ...headers }, body }), 403, "forbidden");
      });
    }
    // From this site, a body that is not declared JSON: 415, naming what it was.
    for (const contentType of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      null,
    ]) {
      await test.step(`same origin, ${contentType ?? "no Content-Type"}`, async () => {
        const headers: Record<string, string> = { cookie, origin: baseURL };
        if (contentType) headers["content-type"] = contentType;
        const reply = await send("POST", "/api/queues", { headers, body: newQueue });
        expectRefused(reply, 415, "unsupported_media_type");
        expect(reply.body?.error.contentType).toBe(contentType);
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  test("from this site (Origin, or Referer alone) or a configured origin, with JSON, succeed", async ({ request }) => {
    const api = new Api(request);
    const cookie = await signInCookie("admin");
    const create = (headers: Record<string, string>) =>
      send("POST", "/api/queues", {
        headers: { cookie, ...json, ...headers },
        body: JSON.stringify({ name: unique("Q") }),
      });
    const trusted: Record<string, string>[] = [
      { origin: baseURL },
      { referer: `${baseURL}/admin` },
      // The address a browser used: another name for this server, in the Host header.
      {
        origin: baseURL.replace("127.0.0.1", "localhost"),
        host: new URL(baseURL).host.replace("127.0.0.1", "localhost"),
      },
      // Behind a proxy that says which name and scheme the browser used.
      {
        origin: "https://switchboard.proxy.test",
        "x-forwarded-host": "switchboard.proxy.test",
        "x-forwarded-proto": "https",
      },
      // SWITCHBOARD_TRUSTED_ORIGINS (scripts/e2e-server.sh).
      { origin: "https://console.e2e.test" },
      // application/json with parameters, and a structured +json type.
      { origin: baseURL, "content-type": "application/json; charset=utf-8" },
      { origin: baseURL, "content-type": "application/merge-patch+json" },
    ];
    for (const headers of trusted) {
      const reply = await create(headers);
      expect(reply.status, `${JSON.stringify(headers)} → ${show(reply)}`).toBe(201);
      await api.ok("DELETE", `/api/queues/${reply.body?.id}`);
    }
    // Reading needs no Origin: a cross-site page cannot read the answer anyway.
    expect((await send("GET", "/api/queues", { headers: { cookie, origin: evil } })).status).toBe(200);
  });

  test("API keys and customer tokens are not subject to the origin rule, but still send JSON", async ({ request }) => {
    const api = new Api(request);
    const key = { "x-api-key": staffKey("admin") };
    const made = await send("POST", "/api/queues", {
      headers: { ...key, origin: evil, ...json },
      body: JSON.stringify({ name: unique("Keyed") }),
    });
    expect(made.status, show(made)).toBe(201);
    const queue = made.body as Json;
    const { conversation, customerToken } = await api.start({ queueId: queue.id });
    const said = await send("POST", `/api/conversations/${conversation.id}/messages`, {
      headers: { authorization: `Bearer ${customerToken}`, origin: evil, ...json },
      body: JSON.stringify({ text: "hello from an embedded page" }),
    });
    expect(said.status, show(said)).toBe(201);
    // The content type is everyone's rule.
    const before = await api.messages(conversation.id);
    expectRefused(
      await send("POST", `/api/conversations/${conversation.id}/messages`, {
        headers: { authorization: `Bearer ${customerToken}`, "content-type": "text/plain" },
        body: JSON.stringify({ text: "not JSON by its type" }),
      }),
      415,
      "unsupported_media_type",
    );
    expectRefused(
      await send("PATCH", `/api/queues/${queue.id}`, { headers: { ...key, "content-type": "text/plain" }, body: "{}" }),
      415,
      "unsupported_media_type",
    );
    expect(await api.messages(conversation.id)).toEqual(before);
  });

  test("Better Auth's own routes use the same trusted origins", async () => {
    const cookie = await signInCookie("supervisor");
    const signOut = (origin: string) =>
      send("POST", "/api/auth/sign-out", { headers: { cookie, origin, ...json }, body: "{}" });
    expect((await signOut(evil)).status).toBe(403);
    expect((await send("GET", "/api/me", { headers: { cookie } })).status).toBe(200); // still signed in
    expect((await signOut("https://console.e2e.test")).status).toBe(200);
  });
});
