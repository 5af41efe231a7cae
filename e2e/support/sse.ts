import http from "node:http";
import { baseURL } from "../../playwright.config";

/**
 * A server-sent event stream read over plain HTTP, as a customer's EventSource
 * would: every frame as parsed, and the raw text as it arrived (to search it
 * for what must never be sent).
 */
export interface Frame {
  id?: string;
  event?: string;
  data: any;
}

export interface OpenStream {
  frames: Frame[];
  /** Everything received, byte for byte (as text). */
  raw(): string;
  /** Resolves once a frame matching `predicate` has arrived (or fails after `timeoutMs`). */
  waitFor(predicate: (frame: Frame) => boolean, timeoutMs?: number): Promise<Frame>;
  close(): void;
  /** Resolves when the server ends the stream (or it is closed). */
  ended: Promise<void>;
}

/** `path` is on the shared test server, unless it is a whole URL (a server of the test's own). */
export function openStream(path: string, headers: Record<string, string> = {}): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const frames: Frame[] = [];
    const waiters: { predicate: (frame: Frame) => boolean; done: (frame: Frame) => void }[] = [];
    let raw = "";
    let buffer = "";
    const url = /^https?:\/\//.test(path) ? path : `${baseURL}${path}`;
    const req = http.get(url, { headers }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return reject(new Error(`HTTP ${res.statusCode}`));
      }
      res.setEncoding("utf8");
      const ended = new Promise<void>((done) => res.once("close", () => done()));
      res.on("data", (chunk: string) => {
        raw += chunk;
        buffer += chunk;
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const frame = parseFrame(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (frame) {
            frames.push(frame);
            for (const waiter of waiters.filter((w) => w.predicate(frame))) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.done(frame);
            }
          }
          end = buffer.indexOf("\n\n");
        }
      });
      resolve({
        frames,
        raw: () => raw,
        waitFor(predicate, timeoutMs = 15_000) {
          const seen = frames.find(predicate);
          if (seen) return Promise.resolve(seen);
          return new Promise((done, fail) => {
            const timer = setTimeout(() => {
              fail(new Error(`no matching frame within ${timeoutMs} ms; got:\n${frames.map(show).join("\n")}`));
            }, timeoutMs);
            waiters.push({
              predicate,
              done: (frame) => {
                clearTimeout(timer);
                done(frame);
              },
            });
          });
        },
        close: () => req.destroy(),
        ended,
      });
    });
    req.on("error", (error) => {
      if (!req.destroyed) reject(error);
    });
  });
}

/** Reads a stream until `count` frames have arrived, then closes it. */
export async function readFrames(path: string, headers: Record<string, string>, count: number) {
  const stream = await openStream(path, headers);
  try {
    await stream.waitFor(() => stream.frames.length >= count);
    return { frames: stream.frames.slice(0, count), raw: stream.raw() };
  } finally {
    stream.close();
  }
}

function parseFrame(block: string): Frame | null {
  const frame: Partial<Frame> = {};
  for (const line of block.split("\n")) {
    if (line.startsWith("id: ")) frame.id = line.slice(4);
    if (line.startsWith("event: ")) frame.event = line.slice(7);
    if (line.startsWith("data: ")) frame.data = JSON.parse(line.slice(6));
  }
  return frame.data === undefined ? null : (frame as Frame);
}

const show = (frame: Frame) => `${frame.id ?? "-"} ${frame.event ?? "message"} ${JSON.stringify(frame.data)}`;
