"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { type FormEvent, useCallback, useState } from "react";
import { authClient } from "@/lib/client/auth-client";
import { homeOf, type Role } from "@/lib/client/consoles";
import { fetchJson } from "@/lib/client/fetch-json";
import { type Lockout, RetryNotice } from "./retry-notice";

/** Email + password; afterwards back where the user was going, or to their role's console. */
export function SignInForm() {
  const router = useRouter();
  const next = useSearchParams().get("next");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [lockout, setLockout] = useState<Lockout | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const lockoutOver = useCallback(() => {
    setLockout(null);
    setNotice("You can try signing in again.");
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    setNotice(null);
    setLockout(null);
    const { error: failed } = await authClient.signIn.email({
      email: String(form.get("email")),
      password: String(form.get("password")),
    });
    if (failed) {
      setPending(false);
      const retryAfter = Number((failed as { retryAfterSeconds?: unknown }).retryAfterSeconds);
      if (failed.status === 429 && retryAfter > 0) {
        setLockout({
          message: failed.message ?? "Too many failed sign-in attempts.",
          until: Date.now() + retryAfter * 1000,
        });
        return;
      }
      setError(failed.status === 401 ? "Wrong email or password." : (failed.message ?? "Could not sign in."));
      return;
    }
    const me = await fetchJson<{ role: Role }>("/api/me");
    router.replace(next?.startsWith("/") ? next : (homeOf(me.role)?.href ?? "/"));
    router.refresh();
  }

  return (
    <form className="mt-6 space-y-4" onSubmit={submit}>
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-700">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30"
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-slate-700">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30"
        />
      </div>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      {lockout && <RetryNotice lockout={lockout} onOver={lockoutOver} />}
      {notice && (
        <p role="status" className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
          {notice}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-blue-700 px-4 py-2 text-sm font-semibold text-white hover:bg-blue-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:ring-offset-2 disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
