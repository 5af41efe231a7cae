import { validationFailed } from "@/lib/errors";
import { getBus } from "@/lib/events/bus";
import { metrics } from "@/lib/metrics/registry";

/**
 * A server-sent event stream that replays history, then goes live without a
 * gap: it subscribes first, buffers what arrives while history is read, and
 * skips anything already sent (by sequence number).
 *
 * Live frames are hints and the database is the record: when live delivery may
 * have missed something — the bus says so (it lost its connection to the other
 * instances), or the source sees a gap in sequence numbers (an event from
 * another instance still on its way) — the stream reads history again, after
 * the last frame it sent, the same way (docs/decisions/011-live-events-across-instances.md).
 */
export interface SseFrame {
  id?: string | number;
  event?: string;
  data: unknown;
}

export interface SseSource {
  /** Which stream this is, for the open-streams gauge (lib/metrics/registry.ts). */
  kind: "conversation" | "agent" | "supervisor";
  /**
   * Start listening; call `push` for each live frame, and `resync` when a frame shows that one before it has not
   * come (yet). Returns the unsubscribe function.
   */
  subscribe(push: (frame: SseFrame) => void, resync: () => void): () => void;
  /**
   * Frames stored after `afterId` (the id of the last numbered frame sent, or null before the first): sent first,
   * and read again on every resync. A source without history (change hints, which the client refetches for) is
   * ended instead on a resync: the client reconnects, and refetches on opening.
   */
  history?: (afterId: number | null) => Promise<SseFrame[]>;
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
      let lastId: number | null = null;
      const send = (frame: SseFrame) => {
        if (closed) return;
        if (typeof frame.id === "number") {
          if (lastId !== null && frame.id <= lastId) return; // already sent from history
          lastId = frame.id;
        }
        controller.enqueue(encode(frame));
      };
      // Reads history (again, while `again` says something else may have been missed meanwhile), then sends what
      // arrived live in between, skipping what history already sent. Live frames wait in `buffered` until then.
      let catchingUp: Promise<void> | null = null;
      let again = false;
      const catchUp = async (history: NonNullable<SseSource["history"]>) => {
        live = false;
        do {
          again = false;
          for (const frame of await history(lastId)) send(frame);
        } while (again && !closed);
        for (const frame of buffered.splice(0)) send(frame);
        live = true;
      };
      const resync = () => {
        if (closed) return;
        if (!source.history) return cleanup();
        if (catchingUp) {
          again = true;
          return;
        }
        catchingUp = catchUp(source.history)
          .catch(() => cleanup()) // the database is not answering: the client reconnects and resumes
          .finally(() => {
            catchingUp = null;
          });
      };
      const unsubscribe = source.subscribe((frame) => (live ? send(frame) : buffered.push(frame)), resync);
      const offResync = getBus().onResync(resync);
      const open = metrics().openStreams.labels({ stream: source.kind });
      open.inc();
      const heartbeat = setInterval(
        () => !closed && controller.enqueue(encoder.encode(": keep-alive\n\n")),
        HEARTBEAT_MS,
      );
      cleanup = () => {
        if (closed) return;
        closed = true;
        open.dec();
        clearInterval(heartbeat);
        offResync();
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
      if (source.history) {
        catchingUp = catchUp(source.history).finally(() => {
          catchingUp = null;
        });
        await catchingUp;
      } else live = true;
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
