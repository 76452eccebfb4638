// Build step: bundles the CLI into dist/bundle/ (ESM, split so yaml and zod load only when needed).
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

await rm("dist/bundle", { recursive: true, force: true });

await build({
  entryPoints: { captrace: "src/main.ts" },
  outdir: "dist/bundle",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  minify: true,
  keepNames: false,
  legalComments: "none",
  logLevel: "warning",
  plugins: [lazyChildProcess],
  // CommonJS dependencies (cli-table3) call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __captraceRequire } from 'node:module'; const require = __captraceRequire(import.meta.url);" },
});
