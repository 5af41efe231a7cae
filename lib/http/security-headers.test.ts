import { afterEach, describe, expect, it } from "vitest";
import { isDecodablePath, newNonce, pageSecurityHeaders } from "./security-headers";

afterEach(() => {
  delete process.env.SWITCHBOARD_PUBLIC_URL;
});

describe("pageSecurityHeaders", () => {
  it("forbids framing the consoles and sign-in; the chat only by its own origin", () => {
    for (const path of ["/admin", "/admin/agents/new", "/supervisor", "/workspace", "/sign-in", "/", "/chatter"]) {
      const headers = pageSecurityHeaders(path, "n0nce");
      expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
      expect(headers["x-frame-options"], path).toBe("DENY");
    }
    const chat = pageSecurityHeaders("/chat", "n0nce");
    expect(chat["content-security-policy"]).toContain("frame-ancestors 'self'");
    expect(chat["x-frame-options"]).toBe("SAMEORIGIN");
  });

  it("runs only scripts with this response's nonce", () => {
    const policy = pageSecurityHeaders("/admin", "n0nce")["content-security-policy"];
    expect(policy).toContain("script-src 'self' 'nonce-n0nce' 'strict-dynamic';");
    expect(policy).not.toContain("unsafe-eval");
    expect(newNonce()).not.toBe(newNonce());
    expect(newNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it("sends HSTS and upgrades requests only when the public URL is https", () => {
    process.env.SWITCHBOARD_PUBLIC_URL = "http://10.0.0.5:3000";
    const plain = pageSecurityHeaders("/admin", "n");
    expect(plain["strict-transport-security"]).toBeUndefined();
    expect(plain["content-security-policy"]).not.toContain("upgrade-insecure-requests");
    process.env.SWITCHBOARD_PUBLIC_URL = "https://switchboard.example.com";
    const secure = pageSecurityHeaders("/admin", "n");
    expect(secure["strict-transport-security"]).toBe("max-age=31536000");
    expect(secure["content-security-policy"]).toContain("upgrade-insecure-requests");
  });
});

describe("isDecodablePath", () => {
  it("is false exactly where decoding would fail", () => {
    for (const path of ["/api/queues/abc", "/api/queues/%20x", "/api/queues/%E2%82%AC"])
      expect(isDecodablePath(path)).toBe(true);
    for (const path of ["/api/queues/%ff%fe", "/api/queues/%ZZ", "/api/queues/%", "/api/queues/%E0%A4%A"])
      expect(isDecodablePath(path)).toBe(false);
  });
});
