"use client";

import { useQueryClient } from "@tanstack/react-query";
import { adminKeys } from "@/lib/client/admin";
import { useStreamRefresh, useThrottled } from "@/lib/client/supervisor";

/**
 * Presence and load change while an admin works (an AI agent switched off
 * changes what the checker says), so the admin pages listen to the `agent`
 * and `queue` frames of /api/stream (and refetch on reconnect); timeline events are ignored.
 */
export function useLiveAdmin(): void {
  const client = useQueryClient();
  const refresh = useThrottled(() => {
    for (const queryKey of [adminKeys.queues, adminKeys.agents, ["admin", "check"]])
      client.invalidateQueries({ queryKey });
  }, 1500);
  useStreamRefresh("/api/stream", ["agent", "queue"], refresh);
}
