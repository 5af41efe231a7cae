import { EventEmitter } from "node:events";

/**
 * The one publish/subscribe seam for live updates. In-process today; a
 * PostgreSQL LISTEN/NOTIFY implementation slots in behind the same interface
 * when several server instances share one database (docs/decisions/004-live-events.md).
 */
export interface Bus {
  publish(topic: string, payload: unknown): void;
  /** Returns the unsubscribe function. */
  subscribe(topic: string, listener: (payload: unknown) => void): () => void;
}

export const topics = {
  conversation: (id: string) => `conversation:${id}`,
  queue: (id: string) => `queue:${id}`,
  agent: (id: string) => `agent:${id}`,
  /** Every timeline event, for supervisors. */
  all: "all",
  /** Every agent and queue change (load, presence, waiting line), for dashboards. */
  changes: "changes",
} as const;

export function createInProcessBus(): Bus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0); // one listener per open stream; thousands are normal
  return {
    publish: (topic, payload) => void emitter.emit(topic, payload),
    subscribe(topic, listener) {
      emitter.on(topic, listener);
      return () => void emitter.off(topic, listener);
    },
  };
}

const globalForBus = globalThis as unknown as { switchboardBus?: Bus };

export function getBus(): Bus {
  globalForBus.switchboardBus ??= createInProcessBus();
  return globalForBus.switchboardBus;
}
