"use client";

import { useCallback, useMemo } from "react";
import { useStoredValue } from "@/lib/client/use-stored-value";

/** The customer's chat: its id and the token that lets this browser read and write in it. */
export interface ChatSession {
  conversationId: string;
  token: string;
}

/** The customer's chat, remembered in this browser so it survives a reload. */
export function useChatSession(): [ChatSession | null, (session: ChatSession | null) => void] {
  const [raw, setRaw] = useStoredValue("switchboard.chat");
  const session = useMemo(() => parseSession(raw), [raw]);
  const set = useCallback((next: ChatSession | null) => setRaw(next ? JSON.stringify(next) : null), [setRaw]);
  return [session, set];
}

function parseSession(raw: string | null): ChatSession | null {
  try {
    const value = raw ? JSON.parse(raw) : null;
    return typeof value?.conversationId === "string" && typeof value?.token === "string" ? value : null;
  } catch {
    return null;
  }
}
