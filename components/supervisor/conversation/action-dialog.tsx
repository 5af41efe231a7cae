"use client";

import { type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  type DialogContentProps,
  DialogFooter,
  DialogTrigger,
} from "@/components/ui/dialog";

/**
 * The frame of a supervisor's action on a conversation: a trigger, a body
 * that starts afresh each time it opens (`onOpen`), then Cancel and the
 * action, which calls `close` once it has succeeded.
 */
export function ActionDialog({
  trigger,
  title,
  description,
  width,
  onOpen,
  action,
  children,
}: {
  trigger: ReactNode;
  title: string;
  description: string;
  width?: DialogContentProps["width"];
  onOpen: () => void;
  action: { label: string; disabled: boolean; pending: boolean; run: (close: () => void) => void };
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) onOpen();
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent title={title} description={description} width={width}>
        {children}
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button onClick={() => action.run(() => setOpen(false))} disabled={action.disabled} pending={action.pending}>
            {action.label}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
