import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { PARALLEL_MIN_BYTES } from "../../src/store/load-parallel.js";
import { bigLineage } from "../support/big-lineage.js";

const BIN = fileURLToPath(new URL("../../bin/captrace", import.meta.url));
const SMALL = fileURLToPath(new URL("../fixtures/small/lineage.yaml", import.meta.url));
const env = {
  ...process.env,
  NO_COLOR: "1",
  CAPTRACE_LINEAGE: "",
  XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), "captrace-bin-cache-")),
};

function captrace(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env });
}

describe("the real bin/captrace", () => {
  it("runs a query and sets the exit code", () => {
    const present = captrace(["--lineage", SMALL, "trace", "dpo", "coding"]);
    expect(present.status).toBe(0);
    expect(present.stdout).toMatch(/^coding in dpo: present, restored; introduced by/);
    expect(captrace(["--lineage", SMALL, "trace", "sft", "coding"]).status).toBe(1);
  });

  it("answers a batch piped on stdin", () => {
    const input = '{"model":"dpo","ability":"coding"}\n{"model":"sft","ability":"coding"}\n';
    const r = spawnSync(process.execPath, [BIN, "--lineage", SMALL, "trace", "--batch"], {
      encoding: "utf8",
      env,
      input,
    });
    expect(r.status).toBe(0);
    expect(
      r.stdout
        .trimEnd()
        .split("\n")
        .map((l) => (JSON.parse(l) as { present: boolean }).present),
    ).toEqual([true, false]);
  });

  it("flushes its whole output into a pipe before exiting", () => {
    const dir = mkdtempSync(join(tmpdir(), "captrace-flush-"));
    const models = Array.from({ length: 4000 }, (_, i) => `  m${i}: {name: Model ${i}}`).join("\n");
    const steps = Array.from(
      { length: 4000 },
      (_, i) => `  - {id: s${i}, kind: fine-tuning, from: [${i ? `m${i - 1}` : ""}], to: m${i}, confidence: likely}`,
    ).join("\n");
    const file = join(dir, "big.yaml");
    writeFileSync(file, `lineage: 1\ntitle: big\nsources: {}\nabilities: {}\nmodels:\n${models}\nsteps:\n${steps}\n`);
    const r = spawnSync(
      "bash",
      ["-c", `"${process.execPath}" "${BIN}" --lineage "${file}" list models --json | wc -c`],
      { encoding: "utf8", env },
    );
    const direct = spawnSync(process.execPath, [BIN, "--lineage", file, "list", "models", "--json"], {
      encoding: "utf8",
      env,
      maxBuffer: 1 << 26,
    });
    expect(Number(r.stdout.trim())).toBe(Buffer.byteLength(direct.stdout));
    expect((JSON.parse(direct.stdout) as { items: unknown[] }).items).toHaveLength(4000);
  });

  it("answers on a large JSON lineage (past PARALLEL_MIN_BYTES: schema checked in a worker) as without the cache, then from the cache", () => {
    // The bundle finds its worker beside itself.
    expect(existsSync(join(dirname(BIN), "..", "dist", "bundle", "validate-worker.cjs"))).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), "captrace-bigjson-"));
    const file = join(dir, "big.json");
    writeFileSync(file, JSON.stringify(bigLineage(28000)));
    expect(statSync(file).size).toBeGreaterThan(PARALLEL_MIN_BYTES);
    const own = { ...env, XDG_CACHE_HOME: join(dir, "cache") };
    const run = (...extra: string[]) =>
      spawnSync(process.execPath, [BIN, "--lineage", file, "trace", "m27999", "a3", "--json", ...extra], {
        encoding: "utf8",
        env: own,
      });
    const first = run();
    expect(first.status).toBe(0);
    expect(first.stderr).toBe("");
    expect(readdirSync(join(dir, "cache", "captrace")).filter((f) => f.endsWith(".captrace"))).toHaveLength(1);
    expect(run().stdout).toBe(first.stdout);
    expect(run("--no-cache").stdout).toBe(first.stdout);
    expect((JSON.parse(first.stdout) as { present: boolean }).present).toBe(true);
  });

  it("ends on Ctrl-C (SIGINT: 130 in a shell), without a stack trace", async () => {
    const child = spawn(process.execPath, [BIN, "--lineage", SMALL, "trace", "--batch"], {
      env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    // Wait for the first answer: the process is then waiting on its open stdin.
    await new Promise<void>((resolve) => {
      child.stdout.once("data", () => resolve());
      child.stdin.write('{"model":"dpo","ability":"coding"}\n');
    });
    const exit = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on("exit", (code, signal) => resolve([code, signal])),
    );
    child.kill("SIGINT");
    // Ended by the signal itself (a shell reports 130), with no handler of its own to print anything.
    expect(await exit).toEqual([null, "SIGINT"]);
    expect(stderr).toBe("");
  });

  it("prints one line and exit 3 for a missing lineage, never a stack trace", () => {
    const r = captrace(["--lineage", "/no/such.yaml", "list", "models"]);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe("/no/such.yaml: error: no such file\n");
  });

  it("exits quietly when the reader of a pipe goes away (EPIPE)", () => {
    const dir = mkdtempSync(join(tmpdir(), "captrace-"));
    const models = Array.from(
      { length: 3000 },
      (_, i) => `  m${i}: {name: Model number ${i} with a long enough name}`,
    ).join("\n");
    const steps = Array.from(
      { length: 3000 },
      (_, i) => `  - {id: s${i}, kind: fine-tuning, from: [${i ? `m${i - 1}` : ""}], to: m${i}, confidence: likely}`,
    ).join("\n");
    const file = join(dir, "big.yaml");
    writeFileSync(file, `lineage: 1\ntitle: big\nsources: {}\nabilities: {}\nmodels:\n${models}\nsteps:\n${steps}\n`);
    const r = spawnSync(
      "bash",
      [
        "-c",
        `set -o pipefail; "${process.execPath}" "${BIN}" --lineage "${file}" list models | head -1; echo "status=$?"`,
      ],
      {
        encoding: "utf8",
        env,
      },
    );
    expect(r.stdout).toMatch(/^┌/);
    expect(r.stdout.trim().split("\n").pop()).toBe("status=0");
    expect(r.stderr).toBe("");
  });

  describe("its V8 code cache", () => {
    /** Runs a copy of bin/captrace, reporting on stderr whether V8 took the code cache. */
    const REPORT = `const vm = require("node:vm");
const Script = vm.Script;
vm.Script = class extends Script {
  constructor(source, options) {
    super(source, options);
    const given = options.cachedData !== undefined;
    process.on("exit", () => process.stderr.write(given ? (this.cachedDataRejected ? "rejected" : "accepted") : "none"));
  }
};`;
    const traced = (bin: string) =>
      spawnSync(
        process.execPath,
        [
          "-e",
          `${REPORT}\nprocess.argv.splice(1, 0, ${JSON.stringify(bin)}); require(${JSON.stringify(bin)});`,
          "trace",
          "code-davinci-002",
          "chain-of-thought",
        ],
        {
          encoding: "utf8",
          env: { ...env, NODE_OPTIONS: "" },
        },
      );
    const expected = captrace(["trace", "code-davinci-002", "chain-of-thought"]).stdout;

    it("is made by the build and taken by V8", () => {
      const r = traced(BIN);
      expect(r.stderr).toBe("accepted");
      expect(r.stdout).toBe(expected);
    });

    it("when missing or damaged, costs only time", () => {
      // A copy of the package, whose cache can be damaged without touching the real one.
      const root = mkdtempSync(join(tmpdir(), "captrace-package-"));
      const here = fileURLToPath(new URL("../..", import.meta.url));
      for (const part of [
        "package.json",
        "lineage.yaml",
        "bin",
        "dist/bundle",
        "dist/embedded-lineage.captrace",
        "dist/build-id",
      ])
        cpSync(join(here, part), join(root, part), { recursive: true });
      const cache = join(root, "dist", "bundle", "captrace.cjs.v8");
      writeFileSync(cache, readFileSync(cache).subarray(0, 1000));
      const damaged = traced(join(root, "bin", "captrace"));
      expect(damaged.stderr).toBe("rejected");
      expect(damaged.stdout).toBe(expected);
      rmSync(cache);
      const missing = traced(join(root, "bin", "captrace"));
      expect(missing.stderr).toBe("none");
      expect(missing.stdout).toBe(expected);
    });
  });
});

describe("the start of a query", () => {
  it("loads none of the lazily bundled modules (parsers, schema, importers) on the embedded lineage", () => {
    // A preload records every bundle the run compiles (bin/captrace compiles each through vm.Script) and
    // every module it requires by a relative path (the lazy bundles are `./NAME.cjs`).
    const dir = mkdtempSync(join(tmpdir(), "captrace-start-"));
    const hook = join(dir, "hook.cjs");
    const log = join(dir, "required.txt");
    writeFileSync(
      hook,
      `const M = require("node:module"); const fs = require("node:fs"); const load = M._load;
       M._load = function (request, ...rest) { if (request.endsWith(".cjs")) fs.appendFileSync(${JSON.stringify(log)}, request + "\\n"); return load.call(this, request, ...rest); };
       const vm = require("node:vm"); const Script = vm.Script;
       vm.Script = class extends Script { constructor(source, options) { super(source, options); fs.appendFileSync(${JSON.stringify(log)}, options.filename + "\\n"); } };`,
    );
    const r = spawnSync(process.execPath, ["-r", hook, BIN, "trace", "code-davinci-002", "chain-of-thought"], {
      env,
      encoding: "utf8",
    });
    expect(r.status).toBe(0);
    const required = existsSync(log) ? readFileSync(log, "utf8").split("\n").filter(Boolean) : [];
    expect(required.filter((m) => /load-lineage|json-schema|run-import/.test(m))).toEqual([]);
    expect(required.some((m) => m.endsWith("captrace.cjs"))).toBe(true);
    // The hook does see the lazy bundles when they are needed: `import` loads its own.
    spawnSync(process.execPath, ["-r", hook, BIN, "import", "hf", join(dir, "none")], { env, encoding: "utf8" });
    expect(readFileSync(log, "utf8")).toMatch(/run-import\.cjs/);
  });

  it("makes no Intl formatter or segmenter at start (each costs ICU's start-up, ~15-30 ms)", () => {
    const dir = mkdtempSync(join(tmpdir(), "captrace-intl-"));
    const hook = join(dir, "hook.cjs");
    const log = join(dir, "made.txt");
    writeFileSync(
      hook,
      `const fs = require("node:fs");
       for (const name of ["NumberFormat", "Segmenter", "DateTimeFormat", "Collator", "PluralRules"]) {
         const Real = Intl[name];
         Intl[name] = new Proxy(Real, { construct(target, args) { fs.appendFileSync(${JSON.stringify(log)}, name + "\\n"); return new target(...args); } });
       }`,
    );
    for (const args of [["--version"], ["trace", "code-davinci-002", "chain-of-thought"]]) {
      const r = spawnSync(process.execPath, ["-r", hook, BIN, ...args], { env, encoding: "utf8" });
      expect(r.status).toBe(0);
    }
    expect(existsSync(log) ? readFileSync(log, "utf8") : "").toBe("");
  });

  it("compiles the lazy parser bundle with the code cache the build made for it", () => {
    const lineage = join(mkdtempSync(join(tmpdir(), "captrace-lazy-cache-")), "mine.yaml");
    cpSync(fileURLToPath(new URL("../fixtures/small/lineage.yaml", import.meta.url)), lineage);
    const report = `const vm = require("node:vm"); const Script = vm.Script;
vm.Script = class extends Script { constructor(source, options) { super(source, options);
  if (options.filename.endsWith("load-lineage.cjs")) process.on("exit", () => process.stderr.write(options.cachedData === undefined ? "none" : this.cachedDataRejected ? "rejected" : "accepted")); } };`;
    const r = spawnSync(
      process.execPath,
      [
        "-e",
        `${report}\nprocess.argv.splice(1, 0, ${JSON.stringify(BIN)}); require(${JSON.stringify(BIN)});`,
        "list",
        "models",
        "--no-cache",
        "--lineage",
        lineage,
      ],
      { env: { ...env, NODE_OPTIONS: "" }, encoding: "utf8" },
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("accepted");
  });
});
