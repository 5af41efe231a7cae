import { randomBytes } from "node:crypto";
import diagnostics from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { isIP, type Socket } from "node:net";
import { logger } from "@/lib/logger";
import { serverLimits } from "./limits";

/**
 * Who the client is: the address of the socket, or — only when the operator says proxies are in front
 * (SWITCHBOARD_TRUSTED_PROXIES = how many) — the address the outermost trusted proxy saw.
 *
 * A route handler under `next start` never sees the socket, and Next only fills in `x-forwarded-for` when the
 * client did not send one (`??=` in base-server.js): the header a handler reads may be the client's own words.
 * So the server stamps every request, as Node hands it over, with the address worked out here, in a header whose
 * name holds a secret drawn at start: a client cannot send a header of that name, and a request that arrived
 * before the stamp was installed has none (it counts as "unknown", never as what it claimed).
 */
const stamp = Symbol.for("switchboard.clientAddressStamp");
type Stamped = typeof globalThis & { [stamp]?: { header: string; onRequest: (message: unknown) => void } };

/** Requests the server did not stamp share this one address: limits apply to them together, never to a claim. */
export const unknownAddress = "unknown";

/**
 * The client's address from what the socket saw and the `x-forwarded-for` chain. Each trusted proxy appends the
 * address it received from, so with `trustedHops` proxies the client is the entry that many steps left of the
 * socket; entries further left were written by the client and are ignored. A chain shorter than that (someone
 * reached the server without going through every proxy) gives the leftmost address there is.
 */
export function resolveClientAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedHops: number,
): string {
  const socketAddress = normalize(peer) ?? unknownAddress;
  if (trustedHops <= 0) return socketAddress;
  const forwarded = [forwardedFor ?? []]
    .flat()
    .flatMap((header) => header.split(","))
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...forwarded, socketAddress];
  const chosen = chain[Math.max(0, chain.length - 1 - trustedHops)];
  // A proxy that wrote something other than an address: trust what we know for sure, the socket.
  return normalize(chosen) ?? socketAddress;
}

function normalize(address: string | undefined): string | null {
  if (!address) return null;
  const bare = address.replace(/^\[(.*)\]$/, "$1"); // some proxies bracket IPv6
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1]; // IPv4 clients of a dual-stack socket
  const candidate = mapped ?? bare;
  return isIP(candidate) ? candidate.toLowerCase() : null;
}

/**
 * The key limits count under: the address itself, or for IPv6 its /64 network — one customer line gets a
 * whole /64 and could otherwise take a fresh address for every attempt.
 */
export function addressBucket(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head, tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right]
    : address.split(":");
  return `${groups
    .slice(0, 4)
    .map((group) => group.padStart(4, "0"))
    .join(":")}::/64`;
}

/**
 * Installs the stamp (once per process, from instrumentation.ts). Node publishes `http.server.request.start`
 * for each request before the server's own `request` listener runs, so the stamp is in place before Next reads
 * the headers.
 */
export function installClientAddressStamp(): void {
  const global = globalThis as Stamped;
  if (global[stamp]) return;
  const hops = serverLimits().trustedProxies;
  const header = `x-switchboard-client-${randomBytes(12).toString("hex")}`;
  const onRequest = (message: unknown) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[header] = resolveClientAddress(socket.remoteAddress, request.headers["x-forwarded-for"], hops);
  };
  diagnostics.subscribe("http.server.request.start", onRequest);
  global[stamp] = { header, onRequest };
  logger.info({ trustedProxies: hops }, "client addresses: the socket's, or as many forwarding proxies as trusted");
}

/** The header the stamp writes, or null when this process has no stamp (scripts, tests in-process). */
export function clientAddressHeader(): string | null {
  return (globalThis as Stamped)[stamp]?.header ?? null;
}

/** The address of the client that sent this request (see above); `unknown` when the server did not stamp it. */
export function clientAddress(request: Request | Headers): string {
  const header = clientAddressHeader();
  const headers = request instanceof Headers ? request : request.headers;
  return (header && headers.get(header)) || unknownAddress;
}
