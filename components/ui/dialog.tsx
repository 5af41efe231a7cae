"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import type { ReactNode } from "react";
import { cx, focusRing } from "./cx";
import { CloseIcon } from "./icons";

/**
 * A modal dialog (Radix: focus trapped and restored, Escape closes, title and
 * description announced). Compose: <Dialog><DialogTrigger asChild>…</DialogTrigger>
 * <DialogContent title="…">…<DialogFooter>…</DialogFooter></DialogContent></Dialog>.
 */
export const Dialog = RadixDialog.Root;
export const DialogTrigger = RadixDialog.Trigger;
export const DialogClose = RadixDialog.Close;

export interface DialogContentProps {
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  /** Tailwind max-width class; defaults to a comfortable form width. */
  width?: "max-w-md" | "max-w-lg" | "max-w-xl" | "max-w-2xl";
  className?: string;
}

export function DialogContent({ title, description, children, width = "max-w-lg", className }: DialogContentProps) {
  return (
    <RadixDialog.Portal>
      <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
      <RadixDialog.Content
        className={cx(
          "fixed top-1/2 left-1/2 z-50 flex max-h-[min(90vh,44rem)] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 flex-col",
          "rounded-xl bg-white shadow-2xl ring-1 ring-slate-900/10 focus:outline-none",
          width,
          className,
        )}
        // Without a description Radix warns unless told there is none.
        {...(description ? {} : { "aria-describedby": undefined })}
      >
        <div className="flex items-start justify-between gap-4 border-b border-slate-100 px-5 pt-5 pb-4">
          <div className="min-w-0">
            <RadixDialog.Title className="text-base font-semibold text-slate-900">{title}</RadixDialog.Title>
            {description && (
              <RadixDialog.Description className="mt-1 text-sm text-slate-600">{description}</RadixDialog.Description>
            )}
          </div>
          <RadixDialog.Close
            aria-label="Close"
            className={cx(
              "-mt-1 -mr-1 rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800",
              focusRing,
            )}
          >
            <CloseIcon />
          </RadixDialog.Close>
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto px-5 pt-4 pb-4 has-[[data-dialog-footer]]:pb-0">{children}</div>
      </RadixDialog.Content>
    </RadixDialog.Portal>
  );
}

/** The dialog's action row; it stays in view while a long body scrolls. */
export function DialogFooter({ children }: { children: ReactNode }) {
  return (
    <div
      data-dialog-footer=""
      className="sticky bottom-0 -mx-5 mt-2 flex flex-wrap justify-end gap-2 rounded-b-xl border-t border-slate-100 bg-slate-50 px-5 py-3"
    >
      {children}
    </div>
  );
}
