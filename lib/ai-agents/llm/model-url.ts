import { validationFailed } from "@/lib/errors";
import { botHostAllowed, disallowedHostReason } from "../bot-hosts";

/**
 * The base URL of an OpenAI-compatible API as the client needs it: ending in the API's version (`…/v1`), because the
 * client appends `/chat/completions` to it and most servers serve nothing at the root (a 404 — the most repeated
 * "bring your own model" complaint in the peers' trackers). Admins type all of these:
 *
 *   http://localhost:11434              (Ollama)             → http://localhost:11434/v1
 *   http://localhost:8080/              (llama.cpp's server) → http://localhost:8080/v1
 *   http://localhost:1234/v1            (LM Studio, vLLM)    → unchanged
 *   https://api.openai.com/v1/chat/completions (pasted whole) → https://api.openai.com/v1
 *   https://openrouter.ai/api           (a path, no version) → https://openrouter.ai/api/v1
 *   https://…/v1beta/openai             (a version in the path already) → unchanged
 *
 * A path that already names a version anywhere (`v1`, `v2`, `v1beta`…) is kept as given; otherwise `/v1` is added.
 * Query strings and fragments are dropped: no such API is configured through them.
 */
const VERSION_SEGMENT = /^v\d+(?:(?:alpha|beta)\d*)?$/i;
const ENDPOINT_SUFFIX = /\/(?:chat\/completions|completions|models)\/?$/i;

export function normaliseModelBaseUrl(input: string): string {
  const url = new URL(input.trim());
  let path = url.pathname.replace(/\/+$/, "").replace(ENDPOINT_SUFFIX, "").replace(/\/+$/, "");
  const segments = path.split("/").filter(Boolean);
  if (!segments.some((segment) => VERSION_SEGMENT.test(segment))) path = `${path}/v1`;
  return `${url.protocol}//${url.host}${path}`;
}

/**
 * The model's host must be on the same allow-list as bots' (`SWITCHBOARD_BOT_HOSTS`, bot-hosts.ts): the server itself
 * calls it, with the agent's API key. Checked when saved (a 400 naming `modelBaseUrl`) and before every call.
 */
export function requireAllowedModelBaseUrl(baseUrl: string): void {
  if (!botHostAllowed(baseUrl)) throw validationFailed("modelBaseUrl", disallowedHostReason(baseUrl));
}
