import { Badge } from "@/components/ui/badge";
import { PersonIcon, SparkleIcon } from "@/components/ui/icons";
import type { AgentKind } from "@/lib/client/conversations";

/** Says plainly whether the customer is talking to software or a person. */
export function AgentKindBadge({ kind }: { kind: AgentKind }) {
  return kind === "ai" ? (
    <Badge tone="violet">
      <SparkleIcon width={12} height={12} />
      AI agent
    </Badge>
  ) : (
    <Badge tone="green">
      <PersonIcon width={12} height={12} />
      Person
    </Badge>
  );
}
