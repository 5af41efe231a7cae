import http from "node:http";
import { expect, test } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { Api, type Json } from "../support/api";

/** Reads server-sent events until `count` frames (with data) have arrived. */
function readFrames(
  path: string,
  headers: Record<string, string>,
  count: number,
): Promise<{ id?: string; event?: string; data: any }[]> {
  return new Promise((resolve, reject) => {
    const frames: { id?: string; event?: string; data: any }[] = [];
    const req = http.get(`${baseURL}${path}`, { headers }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}`));
      let buffer = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const frame: { id?: string; event?: string; data?: any } = {};
          for (const line of block.split("\n")) {
            if (line.startsWith("id: ")) frame.id = line.slice(4);
            if (line.startsWith("event: ")) frame.event = line.slice(7);
            if (line.startsWith("data: ")) frame.data = JSON.parse(line.slice(6));
          }
          if (frame.data !== undefined) frames.push(frame as { data: any });
          if (frames.length >= count) {
            req.destroy();
            return resolve(frames);
          }
          end = buffer.indexOf("\n\n");
        }
      });
    });
    req.on("error", (error) => (frames.length >= count ? undefined : reject(error)));
    setTimeout(() => {
      req.destroy();
      reject(new Error(`only ${frames.length} of ${count} frames arrived`));
    }, 10_000);
  });
}

test("[LIVE] the conversation stream replays history, goes live, and resumes from Last-Event-ID", async ({
  request,
}) => {
  const api = new Api(request);
  const queue = await api.queue();
  const rep = await api.rep();
  await api.join(queue.id, rep.id);
  const { conversation, customerToken } = await api.start({ queueId: queue.id });
  const auth = { authorization: `Bearer ${customerToken}` };
  const lastSeq = (await api.timeline(conversation.id)).length;
  // The customer's history: the events of the customer view, numbered as in the conversation.
  const history: Json[] = await api.ok("GET", `/api/conversations/${conversation.id}/timeline`, undefined, auth);

  // Live: a message posted after subscribing arrives as the next frame, numbered after history.
  const live = readFrames(`/api/conversations/${conversation.id}/stream`, auth, history.length + 1);
  await new Promise((resolve) => setTimeout(resolve, 300));
  await api.ok("POST", `/api/conversations/${conversation.id}/messages`, {
    text: "Hello from Riley",
    byAgentId: rep.id,
  });
  const frames = await live;
  // Numbered as in the conversation, whose timeline also moved on unseen by the customer (their stream's opening,
  // a staff-only customer.connected): the message's number is the staff timeline's.
  const sent = (await api.timeline(conversation.id)).find((e) => e.data.text === "Hello from Riley");
  expect(sent?.seq).toBeGreaterThan(lastSeq);
  expect(frames.map((f) => Number(f.id))).toEqual(history.map((e) => e.seq).concat(sent?.seq));
  expect(frames.at(-1)?.data).toMatchObject({
    type: "message",
    message: { text: "Hello from Riley", sender: { type: "agent", name: rep.name, kind: "human" } },
  });

  // Resume: with Last-Event-ID only what came after it is sent.
  await api.say(conversation.id, customerToken, "Thanks!");
  const resumed = await readFrames(
    `/api/conversations/${conversation.id}/stream`,
    { ...auth, "last-event-id": String(lastSeq) },
    2,
  );
  expect(resumed.map((f) => f.data.message.text)).toEqual(["Hello from Riley", "Thanks!"]);

  // Someone else's token gets nothing.
  const other = await api.start({ queueId: queue.id });
  const denied = await api.call("GET", `/api/conversations/${conversation.id}/stream`, undefined, {
    authorization: `Bearer ${other.customerToken}`,
  });
  expect(denied.status).toBe(401);
});

test("[LIVE] a waiting customer's stream carries position updates as the line moves", async ({ request }) => {
  const api = new Api(request);
  const queue = await api.queue();
  const rep = await api.rep({ presence: "offline" });
  await api.join(queue.id, rep.id);
  const first = await api.start({ queueId: queue.id });
  const second = await api.start({ queueId: queue.id });
  expect((await api.conversation(second.conversation.id)).waiting.position).toBe(2);

  const historyLength = (
    await api.ok("GET", `/api/conversations/${second.conversation.id}/timeline`, undefined, {
      authorization: `Bearer ${second.customerToken}`,
    })
  ).length;
  const frames = readFrames(
    `/api/conversations/${second.conversation.id}/stream?token=${second.customerToken}`,
    {},
    historyLength + 1,
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  await api.ok("PUT", `/api/agents/${rep.id}/presence`, { presence: "available" }); // takes the first in line
  const received = await frames;
  expect(received.at(-1)).toMatchObject({ event: "position", data: { position: 1 } });
  expect(Object.keys(received.at(-1)?.data).sort()).toEqual(["estimatedWaitSeconds", "position"]);
  expect((await api.conversation(first.conversation.id)).assignee.id).toBe(rep.id);
});
