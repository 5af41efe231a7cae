import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { Agent } from "@/generated/prisma/client";
import { botHostAllowed, botHostsVariable } from "./bot-hosts";
import { BotUnreachableError, sendToBot } from "./botframework-channel";

/**
 * Where the channel's activities (which carry the serviceUrl, i.e. the bot's credential) may go: the configured
 * endpoint, never a redirect's target, and only on an allowed host. Real HTTP servers on this machine.
 */
const servers: http.Server[] = [];
afterEach(async () => {
  delete process.env[botHostsVariable];
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

async function server(answer: (res: http.ServerResponse) => void) {
  const received: string[] = [];
  const s = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      received.push(`${req.method} ${req.url}`);
      answer(res);
    });
  });
  servers.push(s);
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/api/messages`, received };
}

const agent = (endpointUrl: string) =>
  ({ id: "agent-1", name: "Test bot", endpointUrl, secret: "s".repeat(24), replyTimeoutMs: 5_000 }) as Agent;
const activity = { type: "message", text: "hi", conversation: { id: "c1" } } as never;

describe("[BOT FRAMEWORK] where activities may be sent", () => {
  it("SWITCHBOARD_BOT_HOSTS patterns: host, *.domain, host:port, host:*, [ipv6]:port; empty allows any", () => {
    const list = "bots.example.com, *.internal.example, 10.0.0.7:3978, localhost:*, [::1]:4000";
    const cases: [string, boolean][] = [
      ["https://bots.example.com/api/messages", true],
      ["http://bots.example.com:8080/api/messages", true], // no port in the pattern: any port
      ["https://BOTS.EXAMPLE.COM/x", true],
      ["https://evil-bots.example.com/x", false],
      ["https://bots.example.com.evil.example/x", false],
      ["https://a.internal.example/x", true],
      ["https://a.b.internal.example/x", true],
      ["https://internal.example/x", false], // *.domain: subdomains only
      ["http://10.0.0.7:3978/x", true],
      ["http://10.0.0.7:3979/x", false],
      ["http://10.0.0.7/x", false],
      ["http://localhost:1234/x", true],
      ["http://bots.example.com@evil.example/x", false], // user-info is not the host
      ["http://[::1]:4000/x", true],
      ["http://[::1]:4001/x", false],
      ["not a url", false],
    ];
    for (const [url, allowed] of cases) expect(botHostAllowed(url, list), url).toBe(allowed);
    expect(botHostAllowed("http://anything.example/x", "")).toBe(true);
    expect(botHostAllowed("http://anything.example/x", " , ")).toBe(true);
    expect(botHostAllowed("http://anything.example/x", "http://anything.example")).toBe(false); // not host[:port]
  });

  it("a 307 from the endpoint is a failed delivery: the redirect's target receives nothing", async () => {
    const target = await server((res) => res.writeHead(200).end());
    const endpoint = await server((res) => res.writeHead(307, { location: target.url }).end());
    const sent = sendToBot(agent(endpoint.url), activity);
    await expect(sent).rejects.toBeInstanceOf(BotUnreachableError);
    await expect(sent).rejects.toThrow("answered HTTP 307, a redirect (not followed)");
    expect(endpoint.received).toHaveLength(1);
    expect(target.received).toEqual([]);
  });

  it("an endpoint whose host left the allow-list is not called at delivery", async () => {
    const endpoint = await server((res) => res.writeHead(200).end());
    await sendToBot(agent(endpoint.url), activity); // allowed while the list is empty
    process.env[botHostsVariable] = "bots.example.com";
    await expect(sendToBot(agent(endpoint.url), activity)).rejects.toThrow(
      /was not called: 127\.0\.0\.1:\d+ is not an allowed bot host/,
    );
    expect(endpoint.received).toHaveLength(1);
    process.env[botHostsVariable] = "127.0.0.1";
    await sendToBot(agent(endpoint.url), activity);
    expect(endpoint.received).toHaveLength(2);
  });
});
