import { validationFailed } from "@/lib/errors";
import { logger } from "@/lib/logger";

/**
 * Where Switchboard may send a Bot Framework bot its activities: `SWITCHBOARD_BOT_HOSTS`, comma-separated
 * `host[:port]` patterns — `bots.example.com`, `*.bots.example.com` (any subdomain), `10.0.0.7:3978`,
 * `[::1]:3978`, `bot.internal:*`. Without a port any port matches. Empty or unset: any host.
 *
 * Why: an admin's messaging endpoint is a URL the server itself requests, with the agent's signed activities.
 * The allow-list keeps a mistyped or hostile endpoint from pointing the server at hosts it should never call
 * (internal services, metadata addresses). It is checked when an endpoint is saved and again before every
 * delivery, so narrowing the list also stops agents saved before.
 */
export const botHostsVariable = "SWITCHBOARD_BOT_HOSTS";

interface HostPattern {
  host: string;
  /** null: any port. */
  port: string | null;
}

const warned = new Set<string>();

function parsePattern(entry: string): HostPattern | null {
  const bracketed = /^(\[[0-9a-f:.]+\])(?::(\d{1,5}|\*))?$/.exec(entry);
  const plain = /^((?:\*\.)?[a-z0-9.-]+)(?::(\d{1,5}|\*))?$/.exec(entry);
  const match = bracketed ?? plain;
  if (!match) {
    if (!warned.has(entry)) {
      warned.add(entry);
      logger.warn({ entry }, `${botHostsVariable}: "${entry}" is not host[:port]; it allows nothing`);
    }
    return null;
  }
  const port = match[2] ?? null;
  return { host: match[1], port: port === "*" ? null : port };
}

function allowList(raw = process.env[botHostsVariable] ?? ""): HostPattern[] | null {
  const entries = raw
    .split(",")
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  if (entries.length === 0) return null;
  return entries.map(parsePattern).filter((pattern) => pattern !== null);
}

const defaultPort = (protocol: string) => (protocol === "https:" ? "443" : "80");

function hostMatches(pattern: string, host: string): boolean {
  if (pattern.startsWith("*.")) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
  return host === pattern;
}

/** True when the URL's host (and port) is on the allow-list, or when there is no allow-list. */
export function botHostAllowed(endpointUrl: string, raw?: string): boolean {
  const patterns = allowList(raw);
  if (patterns === null) return true;
  let url: URL;
  try {
    url = new URL(endpointUrl);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  const port = url.port || defaultPort(url.protocol);
  return patterns.some(
    (pattern) => hostMatches(pattern.host, host) && (pattern.port === null || pattern.port === port),
  );
}

export function disallowedHostReason(endpointUrl: string): string {
  const host = URL.canParse(endpointUrl) ? new URL(endpointUrl).host : endpointUrl;
  return `${host} is not an allowed bot host (${botHostsVariable}=${process.env[botHostsVariable]})`;
}

/** At save time: an endpoint outside the allow-list is bad input (400 naming `endpointUrl`). */
export function requireAllowedBotEndpoint(endpointUrl: string): void {
  if (!botHostAllowed(endpointUrl)) throw validationFailed("endpointUrl", disallowedHostReason(endpointUrl));
}
