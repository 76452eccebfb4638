// Build step: bundles the CLI into dist/bundle/ as CommonJS, so that bin/captrace can compile it through
// vm.Script with a V8 code cache (Node 20 has no module.enableCompileCache), then makes that cache.
//
// - captrace.cjs: the CLI, everything a query on a compiled or cached lineage needs;
// - load-lineage.cjs and json-schema.cjs: yaml and zod, loaded only on a cache miss or by `schema`;
// - validate-worker.cjs: the worker that checks a large JSON lineage against the schema;
// - captrace.cjs.v8: the code cache, written by running the embedded trace once (scripts/code-cache.mjs).
import { readFile, rm } from "node:fs/promises";
import { build } from "esbuild";

/**
 * commander loads node:child_process at start-up, only to spawn executable subcommands, which captrace
 * does not have; child_process pulls in net and dgram. Load it on first use instead (about 10 ms a start).
 */
const lazyChildProcess = {
  name: "lazy-child-process",
  setup(b) {
    b.onLoad({ filter: /commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const eager = "const childProcess = require('node:child_process');";
      if (!source.includes(eager)) throw new Error("commander changed: update scripts/bundle.mjs");
      const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
      return { contents: source.replace(eager, lazy), loader: "js" };
    });
  },
};

/** The modules the CLI imports dynamically, each bundled apart (with what it needs) and required on first use. */
const LAZY = {
  "load-lineage": "src/load/load-lineage.ts",
  "json-schema": "src/json-schema.ts",
  "run-import": "src/import/run-import.ts",
  "open-dump": "src/store/open-dump.ts",
};

/** In the CLI bundle, a dynamic import of a lazy module becomes a require of its own bundle. */
const lazyModules = {
  name: "lazy-modules",
  setup(b) {
    const names = Object.keys(LAZY).join("|");
    b.onResolve({ filter: new RegExp(`(^|/)(${names})\\.js$`) }, (args) => {
      if (args.kind !== "dynamic-import") return undefined;
      const name = args.path.replace(/^.*\//, "").replace(/\.js$/, "");
      return { path: `./${name}.cjs`, external: true };
    });
  },
};

const common = {
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  minify: process.env.BUNDLE_MINIFY !== "0",
  legalComments: "none",
  logLevel: "warning",
  outExtension: { ".js": ".cjs" },
  outdir: "dist/bundle",
  // import() becomes a require (vm.Script in bin/captrace has no dynamic-import callback).
  supported: { "dynamic-import": false },
  // import.meta.url (package-root.ts, style.ts) has no CommonJS equivalent: give it one.
  define: { "import.meta.url": "__captraceUrl" },
  banner: { js: "var __captraceUrl = require('node:url').pathToFileURL(__filename).href;" },
};

await rm("dist/bundle", { recursive: true, force: true });
await build({ ...common, entryPoints: { captrace: "src/main.ts" }, plugins: [lazyChildProcess, lazyModules] });
await build({ ...common, entryPoints: LAZY });
// The schema-check worker of large JSON lineages (src/store/load-parallel.ts): a script of its own.
await build({ ...common, entryPoints: { "validate-worker": "src/store/validate-worker.ts" } });

// vm.Script (bin/captrace) has no dynamic-import callback: the CLI bundle must not contain import().
const cli = await readFile("dist/bundle/captrace.cjs", "utf8");
if (/\bimport\(/.test(cli)) throw new Error("dist/bundle/captrace.cjs contains import(): bin/captrace cannot run it");
