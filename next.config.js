/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native SQLite driver and the Prisma runtime stay as Node modules, not bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pino"],
  poweredByHeader: false,
};

module.exports = nextConfig;
