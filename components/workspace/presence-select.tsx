"use client";

import { ErrorAlert } from "@/components/ui/alert";
import { Select } from "@/components/ui/select";
import { type Agent, type Presence, useSetPresence } from "@/lib/client/conversations";
import { PresenceDot, presenceLabels, takesWork } from "./presence";

const options = (Object.keys(presenceLabels) as Presence[]).map((presence) => ({
  value: presence,
  label: presenceLabels[presence],
  indicator: <PresenceDot presence={presence} />,
  description: takesWork(presence) ? "Receives new conversations" : "No new conversations",
}));

/** The representative's presence: whether routing offers them new conversations. */
export function PresenceSelect({ agent }: { agent: Agent }) {
  const setPresence = useSetPresence(agent.id);
  const value = setPresence.isPending ? setPresence.variables : agent.presence;
  return (
    <div className="relative">
      <Select
        label="Presence"
        layout="inline"
        value={value}
        onValueChange={(presence) => setPresence.mutate(presence as Presence)}
        options={options}
        triggerClassName="w-36"
      />
      <ErrorAlert error={setPresence.error} className="absolute top-full right-0 z-30 mt-2 w-72 shadow-lg" />
    </div>
  );
}
