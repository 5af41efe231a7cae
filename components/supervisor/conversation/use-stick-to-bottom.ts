"use client";

import { useEffect, useRef } from "react";

/** Keeps a scrolling list at its end as items arrive, unless the reader has scrolled up to read. */
export function useStickToBottom<T extends HTMLElement>(count: number) {
  const ref = useRef<T>(null);
  const pinned = useRef(true);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const onScroll = () => {
      pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 48;
    };
    element.addEventListener("scroll", onScroll);
    return () => element.removeEventListener("scroll", onScroll);
  }, []);
  useEffect(() => {
    const element = ref.current;
    if (element && pinned.current && count > 0) element.scrollTop = element.scrollHeight;
  }, [count]);
  return ref;
}
