"use client";

import * as RadixToast from "@radix-ui/react-toast";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { cx, focusRing } from "./cx";
import { CloseIcon } from "./icons";

export interface ToastInput {
  title: string;
  description?: string;
  tone?: "success" | "info" | "error";
}
interface ToastItem extends ToastInput {
  id: number;
}

const ToastContext = createContext<((toast: ToastInput) => void) | null>(null);

const toneBar = { success: "bg-emerald-500", info: "bg-blue-500", error: "bg-red-500" } as const;

/** Mount once (components/providers.tsx). Toasts are announced by Radix's own live region and pause on hover/focus. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const show = useCallback((toast: ToastInput) => {
    setToasts((current) => [...current.slice(-2), { ...toast, id: Date.now() + Math.random() }]);
  }, []);
  const remove = (id: number) => setToasts((current) => current.filter((toast) => toast.id !== id));
  return (
    <ToastContext.Provider value={show}>
      <RadixToast.Provider swipeDirection="right" duration={5000}>
        {children}
        {toasts.map((toast) => (
          <RadixToast.Root
            key={toast.id}
            type={toast.tone === "error" ? "foreground" : "background"}
            onOpenChange={(open) => !open && remove(toast.id)}
            className="relative flex items-start gap-3 overflow-hidden rounded-lg bg-white py-3 pr-3 pl-4 shadow-lg ring-1 ring-slate-900/10"
          >
            <span aria-hidden="true" className={cx("absolute inset-y-0 left-0 w-1", toneBar[toast.tone ?? "info"])} />
            <div className="min-w-0 flex-1">
              <RadixToast.Title className="text-sm font-semibold text-slate-900">{toast.title}</RadixToast.Title>
              {toast.description && (
                <RadixToast.Description className="mt-0.5 text-sm text-slate-600">
                  {toast.description}
                </RadixToast.Description>
              )}
            </div>
            <RadixToast.Close
              aria-label="Dismiss"
              className={cx("rounded p-1 text-slate-500 hover:bg-slate-100", focusRing)}
            >
              <CloseIcon width={14} height={14} />
            </RadixToast.Close>
          </RadixToast.Root>
        ))}
        <RadixToast.Viewport className="fixed right-0 bottom-0 z-[60] flex w-full max-w-sm flex-col gap-2 p-4 outline-none" />
      </RadixToast.Provider>
    </ToastContext.Provider>
  );
}

/** `const toast = useToast(); toast({ title: "Saved" })`. */
export function useToast() {
  const show = useContext(ToastContext);
  return useMemo(() => show ?? (() => console.warn("useToast: no <ToastProvider> mounted")), [show]);
}
