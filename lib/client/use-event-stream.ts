"use client";

import { useEffect, useRef } from "react";

type Handlers = Record<string, (data: any, lastEventId: string) => void>;

/**
 * Subscribes to a server-sent event stream while mounted. `message` handles
 * default frames (timeline events); other keys handle named frames (`position`,
 * `agent`, `queue`, `inbox`). EventSource reconnects by itself and resumes
 * with Last-Event-ID, so a dropped connection loses nothing. `open` runs on
 * every (re)connection: the place to refetch state that frames without an id
 * only report when it changes (e.g. a waiting position).
 */
export function useEventStream(url: string | null, handlers: Handlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (!url) return;
    const source = new EventSource(url);
    const listen = (name: string) =>
      name === "open"
        ? () => latest.current.open?.(null, "")
        : (event: MessageEvent) => latest.current[name]?.(JSON.parse(event.data), event.lastEventId);
    const names = Object.keys(latest.current);
    const listeners = names.map((name) => [name, listen(name)] as const);
    for (const [name, listener] of listeners) source.addEventListener(name, listener);
    return () => {
      for (const [name, listener] of listeners) source.removeEventListener(name, listener);
      source.close();
    };
  }, [url]);
}
