"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { CopyField } from "../copy-button";

/** A Bot Framework agent's secret, shown this once (the API never returns it again), with the serviceUrl to give the bot. */
export function SecretDialog({
  agentName,
  secret,
  serviceUrl,
  onDone,
}: {
  agentName: string;
  secret: string | null;
  serviceUrl: string | null;
  onDone: () => void;
}) {
  return (
    <Dialog open={secret !== null} onOpenChange={(open) => !open && onDone()}>
      <DialogContent
        title={`Connect ${agentName}`}
        description="Give your bot these two values. The secret is shown only now: copy it before you close this dialog."
        width="max-w-xl"
      >
        <div className="flex flex-col gap-4">
          <CopyField label="Secret" value={secret ?? ""} />
          {serviceUrl && <CopyField label="Service URL" value={serviceUrl} />}
          <Alert tone="warning">
            Switchboard signs every activity it sends with this secret (header <code>x-switchboard-signature</code>).
            The bot replies to the service URL; a bot made with <code>botbuilder</code> needs no other change.
          </Alert>
        </div>
        <DialogFooter>
          <Button onClick={onDone}>I have copied the secret</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

/** 32 random bytes as hex: a new secret made in the browser, sent once over the API. */
export function generateSecret(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
