import { afterEach, describe, expect, it } from "vitest";
import { bootServer } from "./boot";

const saved = { url: process.env.DATABASE_URL, secret: process.env.BETTER_AUTH_SECRET };
afterEach(() => {
  process.env.DATABASE_URL = saved.url;
  if (saved.secret === undefined) delete process.env.BETTER_AUTH_SECRET;
  else process.env.BETTER_AUTH_SECRET = saved.secret;
});

describe("[DATABASE] the server's start on PostgreSQL", () => {
  it("stops at once, naming the variable, when BETTER_AUTH_SECRET is missing (no file to keep a key beside)", async () => {
    // Nothing listens on port 1: had the start gone on to migrate, it would fail differently.
    process.env.DATABASE_URL = "postgresql://switchboard:s3cret@127.0.0.1:1/switchboard";
    delete process.env.BETTER_AUTH_SECRET;
    const start = bootServer();
    await expect(start).rejects.toThrow("DATABASE_URL names a PostgreSQL database: set BETTER_AUTH_SECRET too");
    await expect(start).rejects.not.toThrow(/s3cret/);
  });
});
