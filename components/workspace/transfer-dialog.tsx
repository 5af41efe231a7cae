"use client";

import { type FormEvent, type ReactNode, useRef, useState } from "react";
import { Alert, ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { Textarea } from "@/components/ui/field";
import { RadioCard, RadioGroup } from "@/components/ui/radio-group";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { useTransfer } from "@/lib/client/conversations";

export interface TransferChoice {
  input: { toAgentId: string } | { toQueueId: string };
  name: string;
}

/**
 * The frame every transfer shares: a picker (the children), an optional note,
 * the API's refusal shown in place, and on success the conversation leaves the
 * representative's workspace. One transfer per press, however fast the presses:
 * the second click of a double-click finds the first already on its way.
 * When the customer goes away meanwhile (`ended`), an open dialog stays open
 * with its note, says so, and transfers nothing.
 */
export function TransferDialog({
  trigger,
  title,
  description,
  conversationId,
  agentId,
  choice,
  noteLabel,
  noteHint,
  submitLabel,
  onReset,
  onTransferred,
  ended,
  children,
}: {
  trigger: ReactNode;
  title: string;
  description: string;
  conversationId: string;
  agentId: string;
  /** What the picker has chosen; null until something is. */
  choice: TransferChoice | null;
  noteLabel: string;
  noteHint: string;
  submitLabel: string;
  /** Clears the picker when the dialog closes. */
  onReset: () => void;
  onTransferred: () => void;
  /** Why the conversation can no longer be transferred (the customer left), or null while it can. */
  ended: string | null;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const [missingChoice, setMissingChoice] = useState(false);
  const transfer = useTransfer(conversationId, agentId);
  // Set before the request, read synchronously: a re-render (and the disabled button) comes too late for a double-click.
  const submitting = useRef(false);
  const toast = useToast();

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setNote("");
      setMissingChoice(false);
      transfer.reset();
      onReset();
    }
  }
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (submitting.current || ended) return;
    if (!choice) {
      setMissingChoice(true);
      return;
    }
    submitting.current = true;
    transfer.mutate(
      { ...choice.input, note: note.trim() || undefined },
      {
        onSettled: () => {
          submitting.current = false;
        },
        onSuccess: (conversation) => {
          setOpen(false);
          const landed = conversation.assignee?.name ?? conversation.queue?.name ?? choice.name;
          toast({
            tone: "success",
            title: `Transferred to ${choice.name}`,
            description: `${conversation.customerName} is now with ${landed}.`,
          });
          onTransferred();
        },
      },
    );
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild disabled={Boolean(ended)}>
        {trigger}
      </DialogTrigger>
      <DialogContent title={title} description={description}>
        <form onSubmit={onSubmit} className="flex flex-col gap-5">
          {ended && (
            <Alert tone="warning" label="The customer left">
              {ended} It can no longer be transferred; your note is still here to copy.
            </Alert>
          )}
          {children}
          {missingChoice && !choice && (
            <p role="alert" className="text-sm font-medium text-red-700">
              Choose where the conversation should go.
            </p>
          )}
          <Textarea
            label={noteLabel}
            hint={noteHint}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            maxLength={2000}
          />
          <ErrorAlert error={transfer.error} title="The transfer did not happen" />
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" pending={transfer.isPending} disabled={Boolean(ended)}>
              {submitLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export interface TransferOption {
  value: string;
  label: string;
  description: string;
  aside?: ReactNode;
  input: TransferChoice["input"];
}

/**
 * A transfer to one of a flat list (a queue, a colleague): a secondary button
 * named like the dialog, and a radio card per option. `options` is undefined
 * until they have loaded; `empty`, if given, is said when there are none.
 */
export function TransferToOneOf({
  title,
  options,
  pickerLabel,
  loading,
  loadError,
  loadErrorTitle,
  empty,
  ...dialog
}: {
  title: string;
  description: string;
  conversationId: string;
  agentId: string;
  noteLabel: string;
  noteHint: string;
  onTransferred: () => void;
  ended: string | null;
  options: TransferOption[] | undefined;
  pickerLabel: string;
  loading: boolean;
  loadError: unknown;
  loadErrorTitle: string;
  empty?: string;
}) {
  const [value, setValue] = useState<string | undefined>();
  const chosen = options?.find((option) => option.value === value);
  return (
    <TransferDialog
      {...dialog}
      trigger={
        <Button variant="secondary" size="sm">
          {title}
        </Button>
      }
      title={title}
      choice={chosen ? { input: chosen.input, name: chosen.label } : null}
      submitLabel="Transfer"
      onReset={() => setValue(undefined)}
    >
      {loading && <Spinner />}
      <ErrorAlert error={loadError} title={loadErrorTitle} />
      {options?.length === 0 && empty ? (
        <p className="text-sm text-slate-600">{empty}</p>
      ) : (
        options && (
          <RadioGroup label={pickerLabel} value={value} onValueChange={setValue}>
            {options.map((option) => (
              <RadioCard
                key={option.value}
                value={option.value}
                label={option.label}
                description={option.description}
                aside={option.aside}
              />
            ))}
          </RadioGroup>
        )
      )}
    </TransferDialog>
  );
}
