import { validationFailed } from "@/lib/errors";

/**
 * A server-sent event stream that replays history, then goes live without a
 * gap: it subscribes first, buffers what arrives while history is read, and
 * skips anything already sent (by sequence number).
 */
export interface SseFrame {
  id?: string | number;
  event?: string;
  data: unknown;
}

export interface SseSource {
  /** Start listening; call `push` for each live frame. Returns the unsubscribe function. */
  subscribe(push: (frame: SseFrame) => void): () => void;
  /** Frames already stored (sent first). */
  history(): Promise<SseFrame[]>;
  /** Called once when the stream closes (e.g. to free a rate-limit slot). */
  onClose?: () => void;
}

const encoder = new TextEncoder();
const HEARTBEAT_MS = 15_000;

function encode(frame: SseFrame): Uint8Array {
  let text = "";
  if (frame.id !== undefined) text += `id: ${frame.id}\n`;
  if (frame.event) text += `event: ${frame.event}\n`;
  text += `data: ${JSON.stringify(frame.data)}\n\n`;
  return encoder.encode(text);
}

export function sseResponse(request: Request, source: SseSource): Response {
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let live = false;
      const buffered: SseFrame[] = [];
      let lastId = Number.NEGATIVE_INFINITY;
      const send = (frame: SseFrame) => {
        if (closed) return;
        if (typeof frame.id === "number") {
          if (frame.id <= lastId) return; // already sent from history
          lastId = frame.id;
        }
        controller.enqueue(encode(frame));
      };
      const unsubscribe = source.subscribe((frame) => (live ? send(frame) : buffered.push(frame)));
      const heartbeat = setInterval(
        () => !closed && controller.enqueue(encoder.encode(": keep-alive\n\n")),
        HEARTBEAT_MS,
      );
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        source.onClose?.();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      request.signal.addEventListener("abort", cleanup);
      controller.enqueue(encoder.encode("retry: 2000\n\n"));
      for (const frame of await source.history()) send(frame);
      for (const frame of buffered) send(frame);
      live = true;
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}

/**
 * The resume point: the Last-Event-ID header (EventSource reconnects) or
 * ?lastEventId=. Absent or empty means from the start. Anything else must be a
 * sequence number this conversation has reached (0…`lastSeq`): a 400 naming
 * `lastEventId`, before any stream opens, rather than a stream that breaks. A
 * number past the last event is refused too, not treated as "nothing new":
 * no client of this server can hold one, so it resumes a different
 * conversation (or database) and would silently miss events.
 */
export function lastEventId(request: Request, lastSeq: number): number {
  const raw = (
    request.headers.get("last-event-id") ??
    new URL(request.url).searchParams.get("lastEventId") ??
    ""
  ).trim();
  if (raw === "") return 0;
  const value = /^\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value <= lastSeq)) {
    throw validationFailed(
      "lastEventId",
      `must be a whole number from 0 to ${lastSeq} (the conversation's last event), not ${JSON.stringify(raw.slice(0, 40))}`,
    );
  }
  return value;
}
