// The shape of the code, checked by `npm run deps` (part of `npm run validate` and CI).
// Layers, bottom up: lib/db (with the leaf modules below it) → lib/<domain> and lib/engine → app/, components/.
// A layer imports only what is below it. Why: docs/decisions/009-effects-after-commit-seam.md.

/** Modules with no project imports of their own: anything, lib/db included, may use them. */
const LEAVES = "^lib/(clock|errors|logger|random-bytes)[.]ts$";

module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment:
        "An import cycle hides which module is below which, and makes load order matter. Type-only imports count " +
        "too (no exception): a type that must be shared by both ends belongs in a module below them.",
      from: {},
      to: { circular: true },
    },
    {
      name: "lib-below-the-ui",
      severity: "error",
      comment: "lib/ holds the engine and the client hooks; the pages (app/) and components sit on top of it.",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "db-at-the-bottom",
      severity: "error",
      comment:
        "The database layer knows nothing of the engine above it: effects are registered with it by the engine " +
        "(lib/engine/unit-of-work.ts), never imported. Only the leaf modules are below it.",
      from: { path: "^lib/db/" },
      to: { path: "^lib/", pathNot: ["^lib/db/", LEAVES] },
    },
    {
      name: "leaves-stay-leaves",
      severity: "error",
      comment: "The leaf modules may be imported from anywhere (lib/db included) because they import nothing of ours.",
      from: { path: LEAVES },
      to: { path: "^(lib|app|components|generated)/" },
    },
    {
      name: "no-test-or-bench-code-in-the-product",
      severity: "error",
      comment: "The tests and the bench drive the product from outside; the product never reaches into them.",
      from: { path: "^(lib|app|components)/", pathNot: "[.]test[.]ts$" },
      to: { path: "^(e2e|bench)/" },
    },
    {
      name: "resolvable",
      severity: "error",
      comment:
        "Every import of ours must resolve, or the rules above would silently see nothing (e.g. if the @/ alias " +
        "stopped resolving). Run `npm run db:generate` first: generated/ is not committed.",
      from: {},
      to: { couldNotResolve: true, path: "^([.]|@/)" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(generated|[.]next|[.]tmp|test-results|playwright-report)/" },
    // Resolves "@/..." through tsconfig's paths, as Next, tsc and vitest do.
    tsConfig: { fileName: "tsconfig.json" },
    // Type-only imports are dependencies too: see no-cycles.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".mts", ".js", ".mjs", ".cjs", ".json"],
    },
  },
};
