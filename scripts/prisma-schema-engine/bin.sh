#!/bin/sh
# The Prisma CLI runs this in place of its native `schema-engine` binary (see
# PRISMA_SCHEMA_ENGINE_BINARY in prisma.config.ts and
# docs/decisions/002-offline-prisma-cli.md). Plain Node, no TypeScript loader:
# the CLI starts the engine several times per command, so start-up time counts.
# Prefer the Node that runs npm/npx, so the bridge matches the CLI's runtime.
here=$(dirname -- "$0")
exec "${npm_node_execpath:-node}" "$here/bridge.mjs" "$@"
