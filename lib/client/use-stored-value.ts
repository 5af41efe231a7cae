"use client";

import { useCallback, useSyncExternalStore } from "react";

const storageEvent = "switchboard:storage";

function subscribe(onChange: () => void) {
  window.addEventListener("storage", onChange); // other tabs
  window.addEventListener(storageEvent, onChange); // this tab
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(storageEvent, onChange);
  };
}

/** A string kept in localStorage (null on the server and when unset), shared live across components and tabs. */
export function useStoredValue(key: string): [string | null, (value: string | null) => void] {
  const value = useSyncExternalStore(
    subscribe,
    () => window.localStorage.getItem(key),
    () => null,
  );
  const set = useCallback(
    (next: string | null) => {
      if (next === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, next);
      window.dispatchEvent(new Event(storageEvent));
    },
    [key],
  );
  return [value, set];
}
