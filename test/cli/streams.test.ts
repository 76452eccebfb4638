import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { bigLineage } from "../support/big-lineage.js";

const BIN = fileURLToPath(new URL("../../bin/captrace", import.meta.url));
const SMALL = fileURLToPath(new URL("../fixtures/small/lineage.yaml", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "captrace-streams-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { ...process.env, NO_COLOR: "1", CAPTRACE_LINEAGE: "", XDG_CACHE_HOME: join(dir, "cache") };

/** Runs a bash pipeline in which `captrace` is the real bin, reporting its peak memory (KiB) on fd 3 as "maxrss=N". */
function sh(script: string, input?: string) {
  const wrapper = join(dir, "measure.cjs");
  writeFileSync(
    wrapper,
    `process.on("exit", () => require("node:fs").writeSync(3, "maxrss=" + process.resourceUsage().maxRSS + "\\n"));\nprocess.argv.splice(1, 1);\nrequire(process.argv[1]);\n`,
  );
  const captrace = `captrace() { "${process.execPath}" "${wrapper}" "${BIN}" "$@"; }`;
  return spawnSync("bash", ["-c", `set -o pipefail; ${captrace}; ${script}`], {
    encoding: "utf8",
    env,
    input,
    timeout: 120_000,
  });
}
const maxRss = (text: string) => Number(/maxrss=(\d+)/.exec(text)?.[1]);

describe("standard streams of the real bin", () => {
  it("reports a full disk (> /dev/full) in one line, exit 5", () => {
    const r = sh(`captrace list models > /dev/full 3>/dev/null; echo "status=$?"`);
    expect(r.stdout).toBe("status=5\n");
    expect(r.stderr).toBe("captrace: cannot write to standard output: no space left on the device\n");
  });

  it("keeps its exit code when the reader of stderr goes away (validate BAD 2>&1 | head -1 exits 3)", () => {
    // Thousands of problems: the reader is surely gone before they are all written.
    const steps = Array.from(
      { length: 600 },
      (_, i) => `  - {id: s${i}, kind: fine-tuning, from: [], to: nobody${i}, confidence: sure}`,
    ).join("\n");
    const file = join(dir, "bad.yaml");
    writeFileSync(file, `lineage: 1\ntitle: bad\nsources: {}\nabilities: {}\nmodels: {}\nsteps:\n${steps}\n`);
    const r = sh(`captrace validate "${file}" 3>/dev/null 2>&1 | head -1; echo "status=$?"`);
    expect(r.stdout.split("\n")[0]).toMatch(/bad\.yaml:7:\d+: error: /);
    expect(r.stdout.trim().split("\n").pop()).toBe("status=3");
  });

  it("keeps the answer's exit code when stderr cannot be written (2>/dev/full): a warning or a message is dropped", () => {
    // The cache cannot exist, so a warning goes to stderr; the answer on stdout is still the answer (exit 0).
    const warned = sh(
      `XDG_CACHE_HOME=/dev/null/cache captrace --lineage "${SMALL}" trace dpo coding 2>/dev/full 3>/dev/null | head -1; echo "status=$?"`,
    );
    expect(warned.stdout.split("\n")[0]).toMatch(/^coding in dpo: present/);
    expect(warned.stdout.trim().split("\n").pop()).toBe("status=0");
    const file = join(dir, "bad-full.yaml");
    writeFileSync(file, "lineage: 1\ntitle: [\n");
    const refused = sh(`captrace validate "${file}" 2>/dev/full 3>/dev/null; echo "status=$?"`);
    expect(refused.stdout).toBe("status=3\n");
    const unknown = sh(`captrace trace code-davinci-002 no-such-ability 2>/dev/full 3>/dev/null; echo "status=$?"`);
    expect(unknown.stdout).toBe("status=2\n");
  });

  it("stops on Ctrl-C during a long first load, printing nothing and leaving no temporary file", async () => {
    const file = join(dir, "big.json");
    // Past the parallel size, and a load of seconds even on a fast machine (25,000 models loaded in 0.6 s on one).
    writeFileSync(file, JSON.stringify(bigLineage(75_000)));
    const cache = join(dir, "interrupted-cache");
    const child = spawn(process.execPath, [BIN, "--lineage", file, "trace", "m24999", "a3"], {
      env: { ...env, XDG_CACHE_HOME: cache },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    // Interrupted once the load is under way (it has read its code and started on the file).
    await new Promise((resolve) => setTimeout(resolve, 600));
    child.kill("SIGINT");
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on("exit", (c, s) => resolve([c, s])),
    );
    // Ended by the signal (the shell's 130), or by 130 when a cache file was being written; never the answer.
    expect(signal === "SIGINT" || code === 130).toBe(true);
    expect(stdout).toBe("");
    const left = existsSync(join(cache, "captrace")) ? readdirSync(join(cache, "captrace")) : [];
    expect(left.filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("trace --batch waits for a slow reader: memory stays flat (2,000 answers of 43 KB into a pipe)", () => {
    const query = '{"model":"chatgpt","ability":"chain-of-thought"}';
    const r = sh(`yes '${query}' | head -n 2000 | captrace trace --batch 3>&2 | (sleep 1; wc -l)`);
    expect(r.stdout.trim()).toBe("2000");
    // Without waiting for 'drain', the 86 MB of answers pile up in memory (about 450 MB measured).
    expect(maxRss(r.stderr)).toBeLessThan(200 * 1024);
  });

  it("trace --batch stops when its reader goes away (100,000 queries into head -1)", () => {
    const queries = join(dir, "queries.jsonl");
    writeFileSync(queries, '{"model":"chatgpt","ability":"icl"}\n'.repeat(100_000));
    const r = sh(`captrace trace --batch < "${queries}" 3>&2 | head -1; echo "status=$?"`);
    expect(JSON.parse(r.stdout.split("\n")[0]!)).toMatchObject({ model: "chatgpt", present: true });
    expect(r.stdout.trim().split("\n").pop()).toBe("status=0");
    expect(r.stderr).toMatch(/^maxrss=\d+\n$/);
  });

  it("refuses an endless line on stdin (< /dev/zero) with one error object, exit 2", () => {
    const r = sh(`captrace trace --batch < /dev/zero 3>/dev/null; echo "status=$?"`);
    const [answer, status] = r.stdout.trim().split("\n");
    expect(JSON.parse(answer!)).toMatchObject({
      input: 1,
      error: { code: "usage", message: "input line 1 is longer than 64 KiB: captrace stops reading" },
    });
    expect(status).toBe("status=2");
    expect(r.stderr).toBe("");
  });

  it("refuses a directory or a write-only stdin with one line, exit 2", () => {
    const fromDir = sh(`captrace trace --batch < "${dir}" 3>/dev/null; echo "status=$?"`);
    expect(fromDir.stdout).toBe("status=2\n");
    expect(fromDir.stderr).toBe("captrace: cannot read standard input: it is a directory\n");
    const writeOnly = sh(`captrace trace --batch 0>"${join(dir, "out.txt")}" 3>/dev/null; echo "status=$?"`);
    expect(writeOnly.stdout).toBe("status=2\n");
    expect(writeOnly.stderr).toBe("captrace: cannot read standard input: it is not open for reading\n");
  });
});
