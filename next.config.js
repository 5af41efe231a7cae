/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native SQLite driver and the Prisma runtime stay as Node modules, not bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pino"],
  poweredByHeader: false,
  // The build checks what it ships; \`npm run typecheck\` checks everything (tests, bench, scripts).
  typescript: { tsconfigPath: "tsconfig.next.json" },
};

module.exports = nextConfig;
