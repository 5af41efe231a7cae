import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { requireTrustedOrigin } from "./csrf";
import { trustedOrigins } from "./trusted-origins";

const session = { cookie: "better-auth.session_token=signed.token" };

function write(headers: Record<string, string>, method = "POST"): Request {
  return new Request("http://127.0.0.1:3000/api/queues", {
    method,
    headers: { host: "switchboard.test", ...headers },
  });
}

function refused(request: Request): AppError {
  try {
    requireTrustedOrigin(request);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("the request was let through");
}

beforeEach(() => {
  process.env.SWITCHBOARD_PUBLIC_URL = "https://switchboard.example.com";
  process.env.SWITCHBOARD_TRUSTED_ORIGINS = "https://ops.example.com/, https://console.example.com:8443";
});
afterEach(() => {
  delete process.env.SWITCHBOARD_PUBLIC_URL;
  delete process.env.SWITCHBOARD_TRUSTED_ORIGINS;
});

describe("requireTrustedOrigin", () => {
  it("lets a cookie-signed write through from the addressed origin, the public URL or a configured one", () => {
    for (const origin of [
      "http://switchboard.test",
      "https://switchboard.example.com",
      "https://ops.example.com",
      "https://console.example.com:8443",
    ]) {
      expect(() => requireTrustedOrigin(write({ ...session, origin }))).not.toThrow();
    }
    // Referer when a browser sends no Origin.
    expect(() =>
      requireTrustedOrigin(write({ ...session, referer: "http://switchboard.test/admin?x=1" })),
    ).not.toThrow();
    // Behind a proxy: the name and scheme the browser used.
    expect(() =>
      requireTrustedOrigin(
        write({
          ...session,
          origin: "https://public.test",
          "x-forwarded-host": "public.test",
          "x-forwarded-proto": "https",
        }),
      ),
    ).not.toThrow();
  });

  it("refuses a cookie-signed write from anywhere else, or from nowhere said, with 403 naming it", () => {
    const evil = refused(write({ ...session, origin: "https://evil.example" }, "DELETE"));
    expect(evil.code).toBe("forbidden");
    expect(evil.details).toEqual({ origin: "https://evil.example" });
    expect(refused(write({ ...session, referer: "https://evil.example/page" })).details).toEqual({
      origin: "https://evil.example",
    });
    expect(refused(write({ ...session })).details).toEqual({ origin: null });
    expect(refused(write({ ...session, origin: "null" })).details).toEqual({ origin: null });
    // The same host on another scheme or port is another origin.
    expect(refused(write({ ...session, origin: "https://switchboard.test" })).code).toBe("forbidden");
    expect(refused(write({ ...session, origin: "http://switchboard.test:8080" })).code).toBe("forbidden");
    expect(refused(write({ ...session, origin: "https://ops.example.com:444" })).code).toBe("forbidden");
  });

  it("leaves reads, API keys, customer tokens and requests without the session cookie alone", () => {
    const evil = { origin: "https://evil.example" };
    for (const request of [
      write({ ...session, ...evil }, "GET"),
      write({ ...session, ...evil, "x-api-key": "sb_key" }),
      write({ ...session, ...evil, authorization: "Bearer customer-token" }),
      write({ ...evil, cookie: "theme=dark" }),
      write({ ...evil }),
    ]) {
      expect(() => requireTrustedOrigin(request)).not.toThrow();
    }
  });
});

describe("trustedOrigins", () => {
  it("are the addressed origin, the public URL's and the configured list, each once", () => {
    expect(trustedOrigins(write({}))).toEqual([
      "http://switchboard.test",
      "https://switchboard.example.com",
      "https://ops.example.com",
      "https://console.example.com:8443",
    ]);
    expect(trustedOrigins()).toEqual([
      "https://switchboard.example.com",
      "https://ops.example.com",
      "https://console.example.com:8443",
    ]);
  });

  it("say which entry of SWITCHBOARD_TRUSTED_ORIGINS is not an origin", () => {
    process.env.SWITCHBOARD_TRUSTED_ORIGINS = "https://ok.example.com,console.example.com";
    expect(() => trustedOrigins()).toThrow(/"console.example.com" is not an origin/);
  });
});
