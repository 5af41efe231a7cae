/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native SQLite driver and the Prisma runtime stay as Node modules, not bundled. prom-client too: one copy of it in
  // the process, whichever bundle (instrumentation, each route) asks (docs/decisions/017-metrics.md).
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pino", "prom-client"],
  poweredByHeader: false,
  // The build checks what it ships; \`npm run typecheck\` checks everything (tests, bench, scripts).
  typescript: { tsconfigPath: "tsconfig.next.json" },
  // On every response, the API's and static files' included. (Pages get their CSP, framing and HSTS from proxy.ts.)
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          // A response is what its Content-Type says, never sniffed into HTML or script.
          { key: "X-Content-Type-Options", value: "nosniff" },
          // Full URLs stay on this site; other sites learn nothing, not even that the console was open.
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
