/**
 * What one request may carry, each set by an environment variable. A body over
 * its limit is refused with 413 before it is read in full; JSON nested deeper
 * than the limit is refused with 400 before any schema or the database sees it.
 */
export interface HttpLimits {
  /** SWITCHBOARD_MAX_BODY_BYTES: a JSON body on any API route (default 1 MiB). */
  maxBodyBytes: number;
  /** SWITCHBOARD_BOT_MAX_BODY_BYTES: an activity a Bot Framework bot posts back (default 4 MiB: cards, attachments). */
  botMaxBodyBytes: number;
  /** SWITCHBOARD_MAX_JSON_DEPTH: objects and arrays nested in a body (default 32). */
  maxJsonDepth: number;
}

export const limitDefaults: HttpLimits = {
  maxBodyBytes: 1024 * 1024,
  botMaxBodyBytes: 4 * 1024 * 1024,
  maxJsonDepth: 32,
};

const variables: Record<keyof HttpLimits, string> = {
  maxBodyBytes: "SWITCHBOARD_MAX_BODY_BYTES",
  botMaxBodyBytes: "SWITCHBOARD_BOT_MAX_BODY_BYTES",
  maxJsonDepth: "SWITCHBOARD_MAX_JSON_DEPTH",
};

let cached: { raw: string; limits: HttpLimits } | null = null;

/** Read from the environment (again only when it changed); a value that is not a positive integer stops the server at boot (lib/boot.ts). */
export function httpLimits(): HttpLimits {
  const keys = Object.keys(variables) as (keyof HttpLimits)[];
  const raw = keys.map((key) => process.env[variables[key]] ?? "").join("\n");
  if (cached?.raw !== raw) {
    cached = {
      raw,
      limits: Object.fromEntries(
        keys.map((key) => [key, positiveInteger(variables[key], key)]),
      ) as unknown as HttpLimits,
    };
  }
  return cached.limits;
}

function positiveInteger(variable: string, key: keyof HttpLimits): number {
  const raw = process.env[variable]?.trim();
  if (!raw) return limitDefaults[key];
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw)) || Number(raw) < 1) {
    throw new Error(`${variable} must be a positive whole number, got "${raw}"`);
  }
  return Number(raw);
}
