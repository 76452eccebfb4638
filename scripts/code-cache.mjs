// Build step: makes the V8 code caches bin/captrace compiles the bundles with (dist/bundle/NAME.cjs.v8),
// by running captrace with CAPTRACE_WRITE_CODE_CACHE=1: each cache then holds the code its bundle runs.
// - captrace.cjs.v8: start-up and a query, from the embedded trace;
// - load-lineage.cjs.v8: what loading a lineage that is not cached runs (YAML and JSON, read, validated,
//   its rules), from `validate` of a YAML and a JSON copy of the embedded lineage.
// They are made with no NODE_OPTIONS, as a plain run will read them.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import jsYaml from "js-yaml";

const env = { ...process.env, CAPTRACE_WRITE_CODE_CACHE: "1", NO_COLOR: "1", CAPTRACE_LINEAGE: "" };
delete env.NODE_OPTIONS;

/** Runs captrace with `args`, then checks that it wrote `caches`. */
function warm(args, caches) {
  for (const cache of caches) rmSync(cache, { force: true });
  const names = caches.map((c) => c.replace(/^.*\//, "").replace(/\.v8$/, "")).join(",");
  const run = spawnSync(process.execPath, ["bin/captrace", ...args], {
    env: { ...env, CAPTRACE_WRITE_CODE_CACHE: names },
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
  });
  const missing = caches.filter((c) => !existsSync(c));
  // validate exits 0 (valid, with warnings): anything else means the run did not do what the cache is for.
  if (run.status !== 0 || missing.length > 0) {
    process.stderr.write(run.stderr ?? "");
    console.error(
      `could not make the code cache ${missing.join(", ") || caches.join(", ")} (exit ${run.status ?? run.signal})`,
    );
    process.exit(1);
  }
}

warm(["trace", "code-davinci-002", "chain-of-thought"], ["dist/bundle/captrace.cjs.v8"]);
const dir = mkdtempSync(join(tmpdir(), "captrace-code-cache-"));
try {
  const text = readFileSync("lineage.yaml", "utf8");
  writeFileSync(join(dir, "lineage.yaml"), text);
  writeFileSync(join(dir, "lineage.json"), JSON.stringify(jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }), null, 1));
  warm(["validate", join(dir, "lineage.yaml"), join(dir, "lineage.json")], ["dist/bundle/load-lineage.cjs.v8"]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
