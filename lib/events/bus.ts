import { EventEmitter } from "node:events";

/**
 * The one publish/subscribe seam for live updates (docs/decisions/004-live-events.md, 011-live-events-across-instances.md).
 * In-process on SQLite (one server); over PostgreSQL LISTEN/NOTIFY when several server instances share one database
 * (lib/events/postgres-bus.ts). Which one a process uses is decided once at start (lib/events/start-bus.ts).
 *
 * Live delivery is a hint, the database is the record: a subscriber that can be told it may have missed something
 * (`onResync`) re-reads what it needs from the database.
 */
export interface Bus {
  /** Delivers `payload` to this process's subscribers of `topic` at once, and to the other instances' soon after. */
  publish(topic: string, payload: unknown): void;
  /** Returns the unsubscribe function. */
  subscribe(topic: string, listener: (payload: unknown) => void): () => void;
  /**
   * Called when events from other instances may have been missed (the bus lost its database connection and has it
   * back, or a notification was lost): whoever holds a position re-reads from the database after it. Never called
   * by the in-process bus, which cannot miss anything. Returns the unsubscribe function.
   */
  onResync(listener: () => void): () => void;
}

export const topics = {
  conversation: (id: string) => `conversation:${id}`,
  queue: (id: string) => `queue:${id}`,
  agent: (id: string) => `agent:${id}`,
  /** A language model's reply as it is written (lib/ai-agents/llm/draft.ts): not timeline events, never stored. */
  draft: (conversationId: string) => `draft:${conversationId}`,
  /** Every timeline event, for supervisors. */
  all: "all",
  /** Every agent and queue change (load, presence, waiting line), for dashboards. */
  changes: "changes",
} as const;

/** A bus that also says when it missed something: the in-process fan-out every bus uses for its own subscribers. */
export interface LocalBus extends Bus {
  resync(): void;
}

export function createInProcessBus(): LocalBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0); // one listener per open stream; thousands are normal
  return {
    publish: (topic, payload) => void emitter.emit(topic, payload),
    subscribe(topic, listener) {
      emitter.on(topic, listener);
      return () => void emitter.off(topic, listener);
    },
    // A name no topic can take (topics are "all", "changes" or "kind:id"), so resyncs never mix with payloads.
    onResync(listener) {
      emitter.on(RESYNC, listener);
      return () => void emitter.off(RESYNC, listener);
    },
    resync: () => void emitter.emit(RESYNC),
  };
}

const RESYNC = Symbol("resync");

const globalForBus = globalThis as unknown as { switchboardBus?: Bus };

/** The process's bus: the one installed at start, or an in-process one (SQLite, the tests, scripts). */
export function getBus(): Bus {
  globalForBus.switchboardBus ??= createInProcessBus();
  return globalForBus.switchboardBus;
}

/** Makes `bus` the process's bus (lib/events/start-bus.ts, at start, before anything subscribes). */
export function installBus(bus: Bus): void {
  globalForBus.switchboardBus = bus;
}
