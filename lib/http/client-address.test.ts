import { describe, expect, test } from "vitest";
import { addressBucket, resolveClientAddress } from "./client-address";

describe("[LIMITS] who the client is", () => {
  test("with no proxy trusted, the socket's address, whatever x-forwarded-for says", () => {
    expect(resolveClientAddress("127.0.0.1", "203.0.113.7", 0)).toBe("127.0.0.1");
    expect(resolveClientAddress("::ffff:10.0.0.5", undefined, 0)).toBe("10.0.0.5");
    expect(resolveClientAddress(undefined, "203.0.113.7", 0)).toBe("unknown");
  });

  test("behind trusted proxies, the entry that many hops left of the socket; what the client wrote further left is ignored", () => {
    expect(resolveClientAddress("10.0.0.1", "203.0.113.7", 1)).toBe("203.0.113.7");
    expect(resolveClientAddress("10.0.0.1", "198.51.100.1, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(resolveClientAddress("10.0.0.1", ["198.51.100.1", "203.0.113.7, 10.0.0.2"], 2)).toBe("203.0.113.7");
    expect(resolveClientAddress("10.0.0.1", "[2001:db8::1]", 1)).toBe("2001:db8::1");
  });

  test("a chain shorter than the trusted hops, or garbage from a proxy, falls back to what is known", () => {
    expect(resolveClientAddress("10.0.0.1", undefined, 1)).toBe("10.0.0.1");
    expect(resolveClientAddress("10.0.0.1", "203.0.113.7", 3)).toBe("203.0.113.7");
    expect(resolveClientAddress("10.0.0.1", "not-an-address", 1)).toBe("10.0.0.1");
  });

  test("limits count IPv6 clients by their /64, IPv4 clients by their address", () => {
    expect(addressBucket("203.0.113.7")).toBe("203.0.113.7");
    expect(addressBucket("2001:db8:1:2:aaaa::1")).toBe("2001:0db8:0001:0002::/64");
    expect(addressBucket("2001:db8:1:2::ffff")).toBe(addressBucket("2001:db8:1:2:1:2:3:4"));
    expect(addressBucket("::1")).toBe("0000:0000:0000:0000::/64");
    expect(addressBucket("unknown")).toBe("unknown");
  });
});
