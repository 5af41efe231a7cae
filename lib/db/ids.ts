import { hostname } from "node:os";
import { randomBytes } from "@/lib/random-bytes";

/**
 * Ids for rows an assignment plan creates (ADR 013: decided before anything is written, on either applier), shaped
 * like Prisma's `@default(cuid())` (cuid v1: "c", time, counter, host fingerprint, randomness; 25 characters, roughly
 * time-ordered) so nothing can tell which path wrote a row.
 */
const BASE = 36;
const pad = (text: string, size: number) => text.padStart(size, "0").slice(-size);

const fingerprint = (() => {
  const host = hostname();
  let sum = host.length + BASE;
  for (const char of host) sum += char.charCodeAt(0);
  return pad(process.pid.toString(BASE), 2) + pad(sum.toString(BASE), 2);
})();

let counter = randomBytes(4).readUInt32BE() % BASE ** 4;

export function newId(): string {
  counter = (counter + 1) % BASE ** 4;
  const random = pad((randomBytes(6).readUIntBE(0, 6) % BASE ** 8).toString(BASE), 8);
  return `c${pad(Date.now().toString(BASE), 8)}${pad(counter.toString(BASE), 4)}${fingerprint}${random}`;
}
