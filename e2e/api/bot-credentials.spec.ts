import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { Api, type Json, staffKey, unique } from "../support/api";
import { closedPortUrl, TestBot } from "../support/botframework-bot";
import { sharedDatabaseUrl, sql } from "../support/database";

/**
 * A Bot Framework agent's serviceUrl carries its channel key (ADR 005): whoever holds it can speak as the bot to
 * the customer or end the conversation. So it goes to admins and to the bot, and nowhere else:
 * - supervisors and representatives never see a bot's serviceUrl or messaging endpoint, in any answer or stream;
 * - the activities carrying it are sent to the configured endpoint only: a redirect is not followed;
 * - the endpoint's host must be on SWITCHBOARD_BOT_HOSTS (scripts/e2e-server.sh sets 127.0.0.1 and localhost),
 *   refused when saved and again at delivery.
 */
const servers: http.Server[] = [];
const bots: TestBot[] = [];
test.afterEach(async () => {
  await Promise.all(bots.splice(0).map((bot) => bot.stop().catch(() => undefined)));
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A local HTTP server that records what it receives and answers with `answer`. */
async function localServer(answer: (res: http.ServerResponse) => void, host = "127.0.0.1") {
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      received.push(`${req.method} ${req.url} ${body}`);
      answer(res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://${host}:${port}/api/messages`, received };
}

/** A Bot Framework agent in an entry queue, escalating to a queue with one available representative. */
async function botWithEscalation(api: Api, endpointUrl: string) {
  const entry = await api.queue();
  const escalation = await api.queue({ wrapUpSeconds: 3600 });
  const rep = await api.rep({ capacity: 3 });
  await api.join(escalation.id, rep.id);
  const agent = await api.ok("POST", "/api/agents", {
    kind: "ai",
    botType: "botframework",
    name: unique("Bot"),
    endpointUrl,
    escalationQueueId: escalation.id,
  });
  await api.join(entry.id, agent.id);
  return { entry, escalation, rep, agent };
}

const assignedTo = (agentId: string) => (events: Json[]) =>
  events.some((e) => e.type === "agent.assigned" && e.data.agentId === agentId);
const failedEscalation = (events: Json[]) =>
  events.find((e) => e.type === "conversation.transferred" && e.data.reason === "agent_failed");

/** Server-sent event frames from `path`, until `enough` says so (or 10 s pass). */
function readFrames(path: string, headers: Record<string, string>, enough: (frames: Json[]) => boolean) {
  return new Promise<Json[]>((resolve, reject) => {
    const frames: Json[] = [];
    const req = http.get(`${baseURL}${path}`, { headers }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`${path}: HTTP ${res.statusCode}`));
      let buffer = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const data = buffer
            .slice(0, end)
            .split("\n")
            .find((line) => line.startsWith("data: "));
          buffer = buffer.slice(end + 2);
          if (data) frames.push({ raw: data.slice(6), data: JSON.parse(data.slice(6)) });
          if (enough(frames)) {
            req.destroy();
            return resolve(frames);
          }
        }
      });
    });
    req.on("error", () => undefined);
    setTimeout(() => {
      req.destroy();
      reject(new Error(`${path}: only ${frames.length} frames arrived`));
    }, 10_000);
  });
}

test("[ACCESS] a representative's key never shows a bot's serviceUrl or messaging endpoint, anywhere; a supervisor's neither", async ({
  request,
}) => {
  const admin = new Api(request);
  const endpointUrl = await closedPortUrl(); // the bot is down: its conversation escalates to the representative
  const { entry, escalation, rep, agent } = await botWithEscalation(admin, endpointUrl);
  // Admins alone configure bots: they see both.
  expect(agent.serviceUrl).toContain(`/api/bot-channel/${agent.id}/`);
  expect((await admin.ok("GET", `/api/agents/${agent.id}`)).endpointUrl).toBe(endpointUrl);
  const repKey = await admin.repKey(rep);
  const representative = admin.as(repKey);
  const supervisor = admin.as(staffKey("supervisor"));

  // A conversation the bot held, now the representative's: its timeline records the bot's part.
  const { conversation } = await admin.start({ queueId: entry.id });
  expect(conversation.assignee.id).toBe(agent.id);
  await admin.waitForTimeline(conversation.id, assignedTo(rep.id));

  const channelKey = (agent.serviceUrl as string).split("/").pop() as string;
  const secrets = [agent.serviceUrl, `/api/bot-channel/${agent.id}/`, channelKey, endpointUrl, agent.secret];
  const leaks = (what: string, body: unknown) => {
    const text = JSON.stringify(body);
    for (const secret of secrets) expect(text.includes(secret), `${what} shows ${secret}`).toBe(false);
    for (const field of ["serviceUrl", "endpointUrl", "hasSecret", "secret"])
      expect(text.includes(`"${field}"`), `${what} has a ${field} field`).toBe(false);
  };

  const c = conversation.id;
  const representativeReads: [string, string, unknown?][] = [
    ["GET", "/api/agents"],
    ["GET", `/api/agents/${agent.id}`],
    ["GET", `/api/agents/${rep.id}`],
    ["GET", "/api/queues"],
    ["GET", `/api/queues/${entry.id}`],
    ["GET", `/api/queues/${escalation.id}/check`],
    ["GET", "/api/conversations"],
    ["GET", `/api/conversations/${c}`],
    ["GET", `/api/conversations/${c}/timeline`],
    ["GET", `/api/conversations/${c}/messages`],
    ["GET", "/api/me"],
    ["PUT", `/api/agents/${rep.id}/presence`, { presence: "busy" }],
  ];
  for (const [method, url, body] of representativeReads) {
    leaks(`${method} ${url} (representative)`, await representative.ok(method as "GET", url, body));
  }
  // The transfer dialog still has what it needs: every AI agent with its name, kind and presence.
  const listed = (await representative.ok("GET", "/api/agents")).find((a: Json) => a.id === agent.id);
  expect(listed).toMatchObject({ id: agent.id, name: agent.name, kind: "ai", presence: "available" });

  const supervisorReads: [string, string, unknown?][] = [
    ["GET", "/api/agents"],
    ["GET", `/api/agents/${agent.id}`],
    ["GET", "/api/dashboard"],
    ["GET", `/api/conversations/${c}/timeline`],
    ["PUT", `/api/agents/${agent.id}/presence`, { presence: "offline" }],
    ["PUT", `/api/agents/${agent.id}/presence`, { presence: "available" }],
  ];
  for (const [method, url, body] of supervisorReads) {
    leaks(`${method} ${url} (supervisor)`, await supervisor.ok(method as "GET", url, body));
  }

  // Streams: the conversation's (history replayed), the representative's inbox, and the supervisors' firehose.
  const history = await admin.timeline(c);
  const conversationFrames = await readFrames(
    `/api/conversations/${c}/stream`,
    { "x-api-key": repKey },
    (frames) => frames.length >= history.length,
  );
  const inbox = readFrames(`/api/agents/${rep.id}/stream`, { "x-api-key": repKey }, (frames) => frames.length >= 1);
  const firehose = readFrames("/api/stream", { "x-api-key": staffKey("supervisor") }, (frames) =>
    frames.some((f) => f.data.agentId === agent.id),
  );
  await new Promise((resolve) => setTimeout(resolve, 300)); // subscribed
  await representative.ok("PUT", `/api/agents/${rep.id}/presence`, { presence: "available" });
  await admin.ok("PUT", `/api/agents/${agent.id}/presence`, { presence: "offline" });
  for (const [what, frames] of [
    ["the conversation stream", conversationFrames],
    ["the inbox stream", await inbox],
    ["the supervisors' stream", await firehose],
  ] as const) {
    leaks(what, frames);
  }
});

test("[BOT FRAMEWORK] a bot endpoint that answers 307 to another server: nothing is sent there, and the conversation escalates", async ({
  request,
}) => {
  const api = new Api(request);
  const elsewhere = await TestBot.start(); // a real bot that would happily answer, were the redirect followed
  bots.push(elsewhere);
  const redirector = await localServer((res) => res.writeHead(307, { location: elsewhere.url }).end());
  const { entry, escalation, rep, agent } = await botWithEscalation(api, redirector.url);

  const { conversation } = await api.start({ queueId: entry.id });
  expect(conversation.assignee.id).toBe(agent.id);
  const timeline = await api.waitForTimeline(conversation.id, assignedTo(rep.id));

  expect(failedEscalation(timeline)?.data).toMatchObject({
    from: { agentId: agent.id },
    to: { queueId: escalation.id },
    by: { type: "system" },
  });
  expect(failedEscalation(timeline)?.data.summary).toContain("answered HTTP 307, a redirect (not followed)");
  expect(redirector.received.length).toBeGreaterThanOrEqual(1); // the endpoint was called…
  expect(redirector.received[0]).toContain(agent.serviceUrl); // …with the channel address, which must go no further
  await new Promise((resolve) => setTimeout(resolve, 500)); // a followed redirect would have arrived by now
  expect(elsewhere.received).toEqual([]);
  expect(await api.conversation(conversation.id)).toMatchObject({ status: "active", assignee: { id: rep.id } });
});

test("[BOT FRAMEWORK] an endpoint outside SWITCHBOARD_BOT_HOSTS is refused when saved (400 naming endpointUrl), and a bot saved before the list changed is not called", async ({
  request,
}) => {
  const api = new Api(request);
  const agentsBefore = await api.ok("GET", "/api/agents");
  const outside = [
    "http://bots.example.com/api/messages",
    "http://127.0.0.1.example.com/api/messages",
    "http://localhost@evil.example/api/messages",
    "http://10.0.0.7:3978/api/messages",
    "http://127.0.0.2:3978/api/messages",
  ];
  for (const endpointUrl of outside) {
    const reply = await api.call("POST", "/api/agents", {
      kind: "ai",
      botType: "botframework",
      name: unique("Outside bot"),
      endpointUrl,
    });
    expect(reply.status, `${endpointUrl} → ${JSON.stringify(reply.body)}`).toBe(400);
    expect(reply.body.error.code).toBe("validation_failed");
    expect(reply.body.error.fields.endpointUrl[0]).toContain("is not an allowed bot host");
  }
  expect(await api.ok("GET", "/api/agents")).toEqual(agentsBefore);

  // An edit is refused the same way, and changes nothing (not even the name sent with it).
  const bot = await TestBot.start();
  bots.push(bot);
  const { entry, rep, agent } = await botWithEscalation(api, bot.url);
  const saved = await api.ok("GET", `/api/agents/${agent.id}`);
  const edit = await api.call("PATCH", `/api/agents/${agent.id}`, {
    name: "Renamed",
    endpointUrl: "http://bots.example.com/api/messages",
  });
  expect(edit.status).toBe(400);
  expect(edit.body.error.fields).toHaveProperty("endpointUrl");
  expect(await api.ok("GET", `/api/agents/${agent.id}`)).toEqual(saved);

  // A bot whose endpoint was saved under an older, wider list (written straight into the database, as an upgrade
  // would find it): at delivery it is refused too — the server there receives nothing; the customer gets a person.
  const outsideBot = await localServer((res) => res.writeHead(200).end(), "127.0.0.2");
  await sql(sharedDatabaseUrl(), `UPDATE "Agent" SET "endpointUrl" = ? WHERE id = ?`, [outsideBot.url, agent.id]);
  const { conversation } = await api.start({ queueId: entry.id });
  const timeline = await api.waitForTimeline(conversation.id, assignedTo(rep.id));
  expect(failedEscalation(timeline)?.data.summary).toContain("is not an allowed bot host");
  expect(outsideBot.received).toEqual([]);
  expect(bot.received).toEqual([]);
});
