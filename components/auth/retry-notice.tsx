"use client";

import { useEffect, useMemo, useState } from "react";

export interface Lockout {
  /** The server's sentence, e.g. "Too many failed sign-in attempts for this account — try again in 40 s." */
  message: string;
  /** When a new attempt may be checked (epoch ms). */
  until: number;
}

const secondsLeft = (until: number) => Math.max(0, Math.ceil((until - Date.now()) / 1000));

/** "Too many failed attempts for this account — try again in 40 s." from the server's sentence, with a fresh count. */
const withCount = (message: string, seconds: number) =>
  /try again in \d+ s/.test(message)
    ? message.replace(/try again in \d+ s/, `try again in ${seconds} s`)
    : `${message} Try again in ${seconds} s.`;

/**
 * Sign-in refused for a while: the visible sentence counts down every second (role="timer": read when visited,
 * never announced each second); screen readers hear the refusal once, with the time to come back, and hear
 * again when signing in is possible.
 */
export function RetryNotice({ lockout, onOver }: { lockout: Lockout; onOver: () => void }) {
  const [left, setLeft] = useState(() => secondsLeft(lockout.until));
  useEffect(() => {
    setLeft(secondsLeft(lockout.until));
    const timer = setInterval(() => {
      const seconds = secondsLeft(lockout.until);
      setLeft(seconds);
      if (seconds === 0) {
        clearInterval(timer);
        onOver();
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [lockout, onOver]);
  // Written once per refusal: a live region whose text changed every second would be read out every second.
  const announcement = useMemo(() => {
    const at = new Date(lockout.until).toLocaleTimeString([], {
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    return `${withCount(lockout.message, secondsLeft(lockout.until))} That is at ${at}.`;
  }, [lockout]);
  return (
    <div className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <p role="timer" aria-live="off">
        {withCount(lockout.message, left)}
      </p>
      <p role="alert" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}
