"use client";

import { useEffect, useRef } from "react";

type Handlers = Record<string, (data: any, lastEventId: string) => void>;

/**
 * Subscribes to a server-sent event stream while mounted. `message` handles
 * default frames (timeline events); other keys handle named frames (`position`,
 * `agent`, `queue`, `inbox`). EventSource reconnects by itself and resumes
 * with Last-Event-ID, so a dropped connection loses nothing.
 */
export function useEventStream(url: string | null, handlers: Handlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (!url) return;
    const source = new EventSource(url);
    const listen = (name: string) => (event: MessageEvent) => latest.current[name]?.(JSON.parse(event.data), event.lastEventId);
    const names = Object.keys(latest.current);
    const listeners = names.map((name) => [name, listen(name)] as const);
    for (const [name, listener] of listeners) source.addEventListener(name, listener);
    return () => {
      for (const [name, listener] of listeners) source.removeEventListener(name, listener);
      source.close();
    };
  }, [url]);
}
