"use client";

import { Select } from "@/components/ui/select";
import type { Agent } from "@/lib/client/conversations";

/**
 * "Which representative am I" — until sign-in exists. The choice is kept in
 * this browser by useCurrentAgentId(), the one place sign-in will replace.
 */
export function RepPicker({
  representatives,
  value,
  onChange,
}: {
  representatives: Agent[];
  value: string | null;
  onChange: (agentId: string) => void;
}) {
  return (
    <Select
      label="Representative"
      layout="inline"
      value={value ?? undefined}
      onValueChange={onChange}
      placeholder="Choose who you are"
      options={representatives.map((agent) => ({ value: agent.id, label: agent.name }))}
      triggerClassName="w-44"
    />
  );
}
