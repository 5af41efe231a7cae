import http from "node:http";
import { expect } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import type { Json } from "./api";
import { staffPasswords } from "./sign-in";

/**
 * Requests through node:http, so every header is exactly what the test says —
 * no client adds an Origin, a Content-Type or a body length of its own (the
 * edge specs: e2e/api/edge-*.spec.ts).
 */
export type Reply = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Json | null;
  text: string;
  /** Whether it went over a connection an earlier request had used (keep-alive). */
  reusedSocket: boolean;
};

export function send(
  method: string,
  urlPath: string,
  { headers = {}, body, agent }: { headers?: Record<string, string>; body?: string | Buffer; agent?: http.Agent } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const length: Record<string, string> =
      body === undefined ? {} : { "content-length": String(Buffer.byteLength(body)) };
    const req = http.request(`${baseURL}${urlPath}`, { method, agent, headers: { ...length, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let parsed: Json | null = null;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = null;
        }
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: parsed,
          text,
          reusedSocket: req.reusedSocket,
        });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

export const show = (reply: Reply) => `${reply.status} ${reply.text.slice(0, 300)}`;
export const json = { "content-type": "application/json" };
export const evil = "https://evil.example";

/** Signs in with email and password; returns the Cookie header a browser would then send. */
export async function signInCookie(role: "admin" | "supervisor"): Promise<string> {
  const reply = await send("POST", "/api/auth/sign-in/email", {
    headers: { ...json, origin: baseURL },
    body: JSON.stringify({ email: `${role}@e2e.test`, password: staffPasswords[role] }),
  });
  expect(reply.status, show(reply)).toBe(200);
  const cookies = reply.headers["set-cookie"] ?? [];
  expect(cookies.some((cookie) => cookie.startsWith("better-auth.session_token="))).toBe(true);
  return cookies.map((cookie) => cookie.split(";")[0]).join("; ");
}

/** A refusal: its status, a JSON body, the error code. */
export function expectRefused(reply: Reply, status: number, code: string) {
  expect(reply.status, show(reply)).toBe(status);
  expect(reply.headers["content-type"]).toContain("application/json");
  expect(reply.body?.error?.code, show(reply)).toBe(code);
}
