// The layering of src/ (see ARCHITECTURE.md): data flows file -> load -> graph -> query -> render -> cli.
// In the spirit of dependency-cruiser's own `report-stays-in-report`: each layer names what it may not reach.
// `npm run lint` runs these rules; test/layering.test.ts proves they fail on a deliberate violation.

/** The layers, as path patterns under src/. */
const LAYER = {
  load: "^src/load/",
  graph: "^src/graph/",
  store: "^src/store/",
  query: "^src/query/",
  render: "^src/render/",
  cli: "^src/(cli/|main\\.ts$)",
  import: "^src/import/",
  library: "^src/index\\.ts$",
};

/** Shared modules every layer may read: the format, the vocabulary, the contract, limits, problems. */
const SHARED =
  "^src/(schema|vocabulary|notation|contract|limits|problem|suggest|exit-codes|lineage-error|package-root|json-schema|json-text|name-key)\\.ts$";

/** One rule: `from` may not import any of `to`. */
function forbid(name, comment, from, to) {
  return { name, comment, severity: "error", from: { path: from }, to: { path: to } };
}

module.exports = {
  forbidden: [
    forbid(
      "load-stays-in-load",
      "load/ is file -> parse -> validate: it builds no graph, keeps no cache, answers no query and prints nothing",
      LAYER.load,
      [LAYER.graph, LAYER.store, LAYER.query, LAYER.render, LAYER.cli, LAYER.library],
    ),
    forbid(
      "graph-knows-no-storage",
      "graph/ is the domain interface over a validated lineage: storage, queries, output and the CLI sit above it",
      LAYER.graph,
      [LAYER.store, LAYER.query, LAYER.render, LAYER.cli, LAYER.library],
    ),
    forbid(
      "store-below-queries",
      "store/ opens lineages (embedded copy, user cache, compact form, worker): it answers no question and renders nothing",
      LAYER.store,
      [LAYER.query, LAYER.render, LAYER.cli, LAYER.library],
    ),
    {
      name: "store-reads-only-the-dump-reader",
      comment:
        "store/ opens a hub dump as a lineage through src/import/dump-lineage.ts alone (rows -> lineage value); the rest of import/ (cards, GGUF, --into, the command) is not storage's",
      severity: "error",
      from: { path: LAYER.store },
      to: { path: LAYER.import, pathNot: "^src/import/dump-lineage\\.ts$" },
    },
    forbid(
      "import-knows-no-storage",
      "import/ turns Hub inputs into lineage values: it opens no lineage, answers no query, renders and prints nothing",
      LAYER.import,
      [LAYER.store, LAYER.query, LAYER.render, LAYER.cli, LAYER.library],
    ),
    forbid("query-stays-pure", "query/ is (graph, args) => Result: no storage, no rendering, no CLI", LAYER.query, [
      LAYER.load,
      LAYER.store,
      LAYER.render,
      LAYER.cli,
      LAYER.library,
    ]),
    {
      name: "query-uses-the-graph-interface",
      comment: "queries ask the graph through src/graph/index.ts; its index arrays, cache and walks stay behind it",
      severity: "error",
      from: { path: LAYER.query },
      to: { path: LAYER.graph, pathNot: "^src/graph/index\\.ts$" },
    },
    {
      name: "render-reads-only-results",
      comment: "render/ turns a result into text: it may read the contract and the vocabulary, nothing that computes",
      severity: "error",
      from: { path: LAYER.render },
      to: { path: "^src/", pathNot: [LAYER.render, SHARED] },
    },
    {
      name: "shared-is-a-leaf",
      comment: "the shared modules are read by every layer, so they read no layer",
      severity: "error",
      from: { path: SHARED },
      to: { path: "^src/", pathNot: SHARED },
    },
    {
      name: "no-circular",
      comment: "a cycle makes two modules one: split what they share",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|node_modules|bench/data)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
