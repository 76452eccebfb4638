// Build step: makes dist/bundle/captrace.cjs.v8, the V8 code cache bin/captrace compiles the bundle with,
// by running the embedded trace once with CAPTRACE_WRITE_CODE_CACHE=1: the cache then holds the code
// that start-up and a query compile. It is made with no NODE_OPTIONS, as a plain run will read it.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";

const cache = "dist/bundle/captrace.cjs.v8";
rmSync(cache, { force: true });
const env = { ...process.env, CAPTRACE_WRITE_CODE_CACHE: "1", NO_COLOR: "1", CAPTRACE_LINEAGE: "" };
delete env.NODE_OPTIONS;
const run = spawnSync(process.execPath, ["bin/captrace", "trace", "code-davinci-002", "chain-of-thought"], {
  env,
  stdio: ["ignore", "ignore", "inherit"],
});
if (run.status !== 0 || !existsSync(cache)) {
  console.error(`could not make the code cache ${cache} (exit ${run.status ?? run.signal})`);
  process.exit(1);
}
