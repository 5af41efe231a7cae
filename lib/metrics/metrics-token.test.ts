import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { metricsToken, requireMetricsScraper } from "./metrics-token";

const token = "a-long-enough-metrics-token";
const scrape = (authorization?: string) =>
  new Request("http://switchboard.test/api/metrics", { headers: authorization ? { authorization } : {} });

function refusal(request: Request): string | null {
  try {
    requireMetricsScraper(request);
    return null;
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}

describe("the metrics token", () => {
  afterEach(() => {
    delete process.env.SWITCHBOARD_METRICS_TOKEN;
  });

  it("unset, the endpoint is off: not found, whatever is sent", () => {
    expect(metricsToken()).toBeNull();
    expect(refusal(scrape(`Bearer ${token}`))).toBe("not_found");
    process.env.SWITCHBOARD_METRICS_TOKEN = "   ";
    expect(refusal(scrape())).toBe("not_found");
  });

  it("set, only its bearer token gets in", () => {
    process.env.SWITCHBOARD_METRICS_TOKEN = token;
    expect(refusal(scrape(`Bearer ${token}`))).toBeNull();
    expect(refusal(scrape(`bearer  ${token}`))).toBeNull();
    for (const wrong of [
      undefined,
      token,
      `Bearer ${token}x`,
      `Bearer ${token.slice(0, -1)}`,
      "Bearer ",
      `Basic ${token}`,
    ]) {
      expect(refusal(scrape(wrong)), String(wrong)).toBe("unauthorized");
    }
  });

  it("a token too short to resist guessing stops the start", () => {
    process.env.SWITCHBOARD_METRICS_TOKEN = "short";
    expect(() => metricsToken()).toThrow(/SWITCHBOARD_METRICS_TOKEN must be at least 16 characters/);
  });
});
