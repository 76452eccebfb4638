// Build step: bundles the CLI into dist/bundle/ (ESM, split so yaml and zod load only when needed).
import { build } from "esbuild";

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
  // CommonJS dependencies (cli-table3) call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __captraceRequire } from 'node:module'; const require = __captraceRequire(import.meta.url);" },
});
