import { createHmac, timingSafeEqual } from "node:crypto";
import type { Agent } from "@/generated/prisma/client";
import type { Activity } from "./activities";
import { botHostAllowed, disallowedHostReason } from "./bot-hosts";

/**
 * Switchboard as a Bot Framework *channel*: each activity is POSTed to the
 * bot's messaging endpoint with a `serviceUrl` that points back here, and the
 * bot answers at `{serviceUrl}/v3/conversations/{id}/activities[/{replyToId}]`.
 * A `botbuilder` bot without app credentials sends no auth header, so the
 * per-agent key lives in the serviceUrl's path; bots written for Switchboard
 * can also check the HMAC signature of what we send them.
 */
export const signatureHeader = "x-switchboard-signature";

export function publicBaseUrl(): string {
  return (process.env.SWITCHBOARD_PUBLIC_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}

/** Derived from the agent's secret, so the secret itself never travels in a URL. */
export function channelKey(agent: Pick<Agent, "id" | "secret">): string {
  return createHmac("sha256", agent.secret ?? "")
    .update(`serviceUrl:${agent.id}`)
    .digest("hex")
    .slice(0, 40);
}

export function channelKeyMatches(agent: Pick<Agent, "id" | "secret">, key: string): boolean {
  const expected = Buffer.from(channelKey(agent));
  const given = Buffer.from(key);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export const serviceUrlFor = (agent: Pick<Agent, "id" | "secret">): string =>
  `${publicBaseUrl()}/api/bot-channel/${agent.id}/${channelKey(agent)}`;

export function sign(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** Why a delivery failed, in a word: the reason label of switchboard_bot_delivery_failures_total. */
export type DeliveryFailure =
  | "no_endpoint"
  | "host_not_allowed"
  | "timeout"
  | "unreachable"
  | "redirect"
  | "http_error";

export class BotUnreachableError extends Error {
  constructor(
    readonly agentName: string,
    readonly failure: DeliveryFailure,
    why: string,
  ) {
    super(`AI agent ${agentName} ${why}`);
  }
}

/**
 * Sends one activity and waits for the bot to accept it (2xx) within its reply timeout.
 *
 * The body carries the serviceUrl, i.e. the channel credential, so it goes to the configured endpoint and nowhere
 * else: a redirect is not followed (a 3xx is a failed delivery, escalated like any other), and the endpoint's host
 * must still be on the allow-list (bot-hosts.ts) — it may have been narrowed since the endpoint was saved.
 */
export async function sendToBot(agent: Agent, activity: Activity): Promise<void> {
  if (!agent.endpointUrl)
    throw new BotUnreachableError(agent.name, "no_endpoint", "has no messaging endpoint configured");
  if (!botHostAllowed(agent.endpointUrl)) {
    throw new BotUnreachableError(
      agent.name,
      "host_not_allowed",
      `was not called: ${disallowedHostReason(agent.endpointUrl)}`,
    );
  }
  const body = JSON.stringify({ ...activity, serviceUrl: serviceUrlFor(agent) });
  let response: Response;
  try {
    response = await fetch(agent.endpointUrl, {
      method: "POST",
      headers: { "content-type": "application/json", [signatureHeader]: sign(agent.secret ?? "", body) },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(agent.replyTimeoutMs),
    });
  } catch (error) {
    const timedOut = (error as Error).name === "TimeoutError";
    throw new BotUnreachableError(
      agent.name,
      timedOut ? "timeout" : "unreachable",
      timedOut
        ? `did not answer within ${agent.replyTimeoutMs} ms`
        : `could not be reached (${(error as Error).message})`,
    );
  }
  await response.body?.cancel();
  if (response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400)) {
    throw new BotUnreachableError(
      agent.name,
      "redirect",
      `answered HTTP ${response.status}, a redirect (not followed)`,
    );
  }
  if (!response.ok) throw new BotUnreachableError(agent.name, "http_error", `answered HTTP ${response.status}`);
}
