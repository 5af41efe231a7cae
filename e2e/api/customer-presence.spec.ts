import http from "node:http";
import { expect, test } from "@playwright/test";
import { Api, type Json, unique } from "../support/api";
import { type OwnServer, startOwnServer } from "../support/own-server";
import { openStream } from "../support/sse";

/**
 * The customer's presence (from their streams, kept in the database as leases) and the per-queue inactivity
 * time-out, through the real server: the queue's setting is validated, a customer's stream makes them connected
 * and closing it away, and a customer whose server is SIGKILLed with their stream open is still noticed.
 */
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

test.describe("[PRESENCE] the queue's inactivity time-out", () => {
  test("is 10 minutes on a new queue unless set, may be switched off, and a bad value is a 400 naming it", async ({
    request,
  }) => {
    const api = new Api(request);
    expect((await api.queue()).inactivityTimeoutSeconds).toBe(600);
    const off = await api.queue({ inactivityTimeoutSeconds: null });
    expect(off.inactivityTimeoutSeconds).toBeNull();
    const edited = await api.ok("PATCH", `/api/queues/${off.id}`, { inactivityTimeoutSeconds: 45 });
    expect(edited.inactivityTimeoutSeconds).toBe(45);

    for (const bad of [0, -5, 1.5, "60", 86_401, true]) {
      await test.step(`inactivityTimeoutSeconds: ${JSON.stringify(bad)}`, async () => {
        for (const reply of [
          await api.call("POST", "/api/queues", { name: unique("Queue"), inactivityTimeoutSeconds: bad }),
          await api.call("PATCH", `/api/queues/${off.id}`, { inactivityTimeoutSeconds: bad }),
        ]) {
          expect(reply.status, JSON.stringify(reply.body)).toBe(400);
          expect(Object.keys(reply.body.error.fields)).toEqual(["inactivityTimeoutSeconds"]);
        }
      });
    }
    expect((await api.ok("GET", `/api/queues/${off.id}`)).inactivityTimeoutSeconds).toBe(45);
  });
});

test.describe("[PRESENCE] the customer's streams", () => {
  test("a customer's stream makes them connected and its closing away; a staff stream does not count", async ({
    request,
  }) => {
    const api = new Api(request);
    const queue = await api.queue();
    const rep = await api.rep();
    await api.join(queue.id, rep.id);
    const { conversation, customerToken } = await api.start({ queueId: queue.id });
    const path = `/api/conversations/${conversation.id}/stream`;
    const presence = async () => (await api.conversation(conversation.id)).customerPresence;
    expect(await presence()).toEqual({ state: "away", since: null });

    const staff = await openStream(path, { "x-api-key": api.apiKey as string });
    await staff.waitFor((frame) => frame.data?.type === "agent.assigned");
    expect((await presence()).state).toBe("away");

    const customer = await openStream(path, bearer(customerToken));
    await staff.waitFor((frame) => frame.data?.type === "customer.connected");
    expect((await presence()).state).toBe("connected");

    customer.close();
    const away = await staff.waitFor((frame) => frame.data?.type === "customer.away");
    expect(away.data.data).toMatchObject({ why: "stream_closed" });
    const after = await presence();
    expect(after.state).toBe("away");
    expect(after.since).toBe(away.data.data.lastSeenAt);
    staff.close();
  });
});

/**
 * Two servers, one after the other, on one database: the first holds the customer's only stream and is
 * SIGKILLed (nothing closes the stream's lease); the second, started on the same database, notices the customer
 * gone once the lease runs out and ends the conversation as abandoned. A counter of open streams would have said
 * "connected" for ever.
 */
test.describe("[PRESENCE] a server killed with the customer's stream open", () => {
  test.describe.configure({ timeout: 180_000 });
  const env = { SWITCHBOARD_CUSTOMER_LEASE_SECONDS: "3", TIMER_INTERVAL_MS: "100" };
  let first: OwnServer | undefined;
  let second: OwnServer | undefined;
  test.afterAll(async () => {
    await first?.kill();
    await second?.stop();
  });

  test("the customer is noticed away once the lease runs out, and the conversation ends as abandoned", async () => {
    first = await startOwnServer("presence", env);
    const admin = client(first);
    const queue = await admin("POST", "/api/queues", { name: "Returns", inactivityTimeoutSeconds: 2 });
    const rep = await admin("POST", "/api/agents", { kind: "human", name: "Robin", presence: "available" });
    await admin("PUT", `/api/queues/${queue.id}/members/${rep.id}`);
    const started = await admin("POST", "/api/conversations", { customer: { name: "Dana" }, queueId: queue.id });
    // Started by staff (the admin's key): the staff view answers; the customer's token is theirs all the same.
    const { id } = started.conversation;
    const stream = holdStream(`${first.url}/api/conversations/${id}/stream`, started.customerToken);
    await expect
      .poll(async () => (await admin("GET", `/api/conversations/${id}`)).customerPresence.state)
      .toBe("connected");

    // Renewed while the stream lives (the server renews all its leases together): past a lease and past the
    // time-out, the customer is still there and the conversation goes on.
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    expect(await admin("GET", `/api/conversations/${id}`)).toMatchObject({
      status: "active",
      customerPresence: { state: "connected" },
    });

    await first.kill(); // SIGKILL: the stream's lease is never closed
    stream.destroy();
    second = await startOwnServer("presence", env, { restartOf: first });
    const again = client(second);
    await expect
      .poll(async () => (await again("GET", `/api/conversations/${id}`)).status, { timeout: 60_000 })
      .toBe("closed");

    const ended = await again("GET", `/api/conversations/${id}`);
    expect(ended).toMatchObject({ wrapUpPendingFor: rep.id, customerPresence: { state: "away" } });
    expect((await again("GET", `/api/agents/${rep.id}`)).usedCapacity).toBe(0);
    const timeline: Json[] = await again("GET", `/api/conversations/${id}/timeline`);
    expect(timeline.slice(-3).map((e) => [e.type, e.data.why ?? e.data.reason ?? null])).toEqual([
      ["customer.away", "lease_expired"],
      ["agent.removed", "customer_inactive"],
      ["conversation.closed", "customer inactive for 2 s"],
    ]);
  });
});

/** The admin's calls to an own server; any status from 300 up fails the test with the answer. */
function client(server: OwnServer) {
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { "x-api-key": server.adminKey, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    expect(response.status, `${method} ${path} → ${text}`).toBeLessThan(300);
    return text ? JSON.parse(text) : null;
  };
}

/** A customer's stream held open on a server, as an EventSource would (errors ignored: the server will die). */
function holdStream(url: string, token: string): http.ClientRequest {
  const request = http.get(url, { headers: bearer(token) }, (response) => {
    response.on("error", () => {});
    response.resume();
  });
  request.on("error", () => {});
  return request;
}
