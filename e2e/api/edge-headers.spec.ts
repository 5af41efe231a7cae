import { expect, test } from "@playwright/test";
import { expectRefused, json, type Reply, send, signInCookie } from "../support/raw-http";

/**
 * The security headers of pages and API responses (proxy.ts,
 * lib/http/security-headers.ts, next.config.js), and the benchmark route off.
 */

test.describe("[HEADERS] security headers", () => {
  const nonceOf = (reply: Reply) => /'nonce-([^']+)'/.exec(String(reply.headers["content-security-policy"]))?.[1];

  test("every page has a CSP with a fresh nonce on all its scripts; consoles and sign-in cannot be framed", async () => {
    const cookie = await signInCookie("admin");
    for (const page of ["/sign-in", "/admin", "/admin/agents", "/supervisor", "/workspace", "/chat", "/"]) {
      const reply = await send("GET", page, { headers: { cookie } });
      expect(reply.status, page).toBe(200);
      const policy = String(reply.headers["content-security-policy"]);
      const nonce = nonceOf(reply);
      expect(nonce, `${page}: ${policy}`).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(policy).toContain("script-src 'self' 'nonce-");
      expect(policy).toContain("'strict-dynamic'");
      expect(policy).not.toContain("unsafe-eval");
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("base-uri 'self'");
      const chat = page === "/chat";
      expect(policy, page).toContain(chat ? "frame-ancestors 'self'" : "frame-ancestors 'none'");
      expect(reply.headers["x-frame-options"], page).toBe(chat ? "SAMEORIGIN" : "DENY");
      expect(reply.headers["x-content-type-options"]).toBe("nosniff");
      expect(reply.headers["referrer-policy"]).toBe("same-origin");
      // The public URL here is http: no HSTS, which would lock browsers out of a plain-http install.
      expect(reply.headers["strict-transport-security"]).toBeUndefined();
      const scripts = reply.text.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, page).toBeGreaterThan(0);
      expect(
        scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`)),
        page,
      ).toEqual([]);
    }
    const [first, second] = [await send("GET", "/sign-in"), await send("GET", "/sign-in")];
    expect(nonceOf(first)).not.toBe(nonceOf(second));
    // The consoles still send a browser without a session to sign in first.
    const redirected = await send("GET", "/admin/routing?x=1");
    expect(redirected.status).toBe(307);
    expect(redirected.headers.location).toContain("/sign-in?next=%2Fadmin%2Frouting%3Fx%3D1");
  });

  test("API responses, Next's own 404s included, are never sniffed", async () => {
    for (const target of ["/api/health", "/api/queues", "/api/no-such-route", "/api/openapi.json"]) {
      const reply = await send("GET", target);
      expect(reply.headers["x-content-type-options"], target).toBe("nosniff");
      expect(reply.headers["referrer-policy"], target).toBe("same-origin");
    }
  });
});

test("[BENCH] the no-op benchmark route is not served unless the bench turns it on", async () => {
  for (const method of ["GET", "POST"]) {
    const reply = await send(method, "/api/bench/noop", { headers: json, body: method === "POST" ? "{}" : undefined });
    expectRefused(reply, 404, "not_found");
  }
});
