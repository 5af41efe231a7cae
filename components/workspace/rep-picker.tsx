"use client";

import { Select } from "@/components/ui/select";
import type { Agent } from "@/lib/client/conversations";

/**
 * Whom a supervisor (or admin) acts for in the workspace; a representative is always themselves and sees no picker.
 * The choice is kept in this browser by useCurrentAgentId().
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
      placeholder="Choose a representative"
      options={representatives.map((agent) => ({ value: agent.id, label: agent.name }))}
      // As wide as what it says (the placeholder in full), within reason for a long name.
      triggerClassName="w-auto min-w-44 max-w-72"
    />
  );
}
