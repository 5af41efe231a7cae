import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A Bot Framework bot that accepts every activity (HTTP 200) and never answers, so its reply timers fire: the
 * tests that fire timers in real processes (timers-crash.test.ts, timers-across-instances.test.ts) point their
 * silent bots at it.
 */
export async function startSilentBot(): Promise<{ url: string; stop(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => response.writeHead(200).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
