import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import "./globals.css";

// Every page is rendered per request: its scripts must carry the nonce of that response's CSP (proxy.ts).
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Switchboard",
  description: "Contact-center routing console: queues, AI agents and representatives.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
