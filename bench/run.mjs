// The captrace benchmark: `npm run bench`.
//
// Generates the synthetic lineages if missing or older than bench/generate.mjs, then measures, in one
// run, the median wall time and the peak RSS of the built CLI (`node bin/captrace ...`) against the
// start-up of Node itself (`node -e 0`), and checks the performance targets. Prints a markdown report
// and writes it to bench/results.md, headed with the machine.
//
// Every command runs with NO_COLOR=1, stdout to /dev/null, and a private cache
// (XDG_CACHE_HOME=bench/data/cache), wiped before each "first run" measurement. Peak RSS comes from
// `/usr/bin/time -f %M` when it exists ("n/a" otherwise). A command that exits with a code it should
// not (anything but 0; trace may also exit 1, "absent") fails the bench: its command line and stderr are printed and the bench exits 1.
//
// A slow series of runs stops early when one more round would take it past SERIES_BUDGET_MS, so the
// whole bench stays near 10 minutes on a 2-core machine.
//
// Environment: BENCH_QUICK=1 runs every measurement fewer times (for trying the harness out).
//
// `node bench/run.mjs --only SECTION` runs one section (with the `node -e 0` baseline its ratios need):
// startup, sizes (1k/10k/100k YAML and JSON), batch, hub (the 1,000,000-model hub dump), import (10,000
// generated model cards read from a directory by `import hf`); the report is
// printed and written to bench/results-SECTION.md, leaving bench/results.md (the whole bench's) as it is.
//
// `--against DIR` measures another build too (DIR: a checkout of an earlier commit, built), each run of a
// row next to the same run of the other build, alternating which goes first, with a cache of its own: the
// ratio of two builds measured so is far steadier on a noisy machine than that of two benches run one after
// the other. A row the other build cannot run (a command it lacks, a file it refuses) shows "–" for it.

import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { arch, cpus, loadavg, platform, release, totalmem } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH);
const DATA = join(BENCH, "data");
const CACHE = join(DATA, "cache");
const GENERATOR = join(BENCH, "generate.mjs");
const HUB_GENERATOR = join(BENCH, "generate-hub.mjs");
/** The hub dump's size: the issue's whole-hub scale. */
const HUB_MODELS = 1_000_000;
const HUB_DUMP = join(DATA, `hub-${HUB_MODELS}.jsonl`);
const HUB_META = join(DATA, `hub-${HUB_MODELS}.meta.json`);
const BIN = join(ROOT, "bin", "captrace");
const BUNDLE = join(ROOT, "dist", "bundle", "captrace.cjs");
const SECTIONS = ["startup", "sizes", "batch", "hub", "import"];
/** The cards `import hf` reads in the import row: the first rows of a hub-shaped dump, as README.md cards. */
const CARD_COUNT = 10_000;
const CARDS = join(DATA, `cards-${CARD_COUNT}`);
const onlyAt = process.argv.indexOf("--only");
const ONLY = onlyAt === -1 ? null : process.argv[onlyAt + 1];
if (ONLY !== null && !SECTIONS.includes(ONLY)) {
  process.stderr.write(`bench: --only takes one of ${SECTIONS.join(", ")}\n`);
  process.exit(2);
}
const againstAt = process.argv.indexOf("--against");
/** The other build measured beside this one (`--against DIR`), or null. */
const AGAINST = againstAt === -1 ? null : resolve(process.argv[againstAt + 1] ?? "");
const AGAINST_BIN = AGAINST && join(AGAINST, "bin", "captrace");
const AGAINST_CACHE = join(DATA, "cache-against");
if (AGAINST && !existsSync(join(AGAINST, "dist", "bundle", "captrace.cjs"))) {
  process.stderr.write(`bench: --against ${AGAINST}: no built CLI there (dist/bundle/captrace.cjs): build it first\n`);
  process.exit(2);
}
/** Whether a section is measured in this run. */
const want = (section) => ONLY === null || ONLY === section;
const RESULTS = join(BENCH, ONLY === null ? "results.md" : `results-${ONLY}.md`);
const TIME = "/usr/bin/time";
const HAS_TIME = existsSync(TIME);
const NODE = process.execPath;
const QUICK = process.env.BENCH_QUICK === "1";

/** Runs per measurement, by how long one run takes. */
const RUNS = QUICK
  ? { fast: 3, "1k": 3, "10k": 2, "10k-warm": 3, "100k": 1, hub: 1, "hub-warm": 2, import: 1 }
  : { fast: 11, "1k": 11, "10k": 5, "10k-warm": 11, "100k": 3, hub: 2, "hub-warm": 3, import: 3 };
const SIZES = ["1k", "10k", "100k"];
/** Most wall time one series of runs may take before it stops early (never before its first run). */
const SERIES_BUDGET_MS = 75_000;

const log = (s) => process.stderr.write(`${s}\n`);
const rel = (p) => relative(ROOT, p) || ".";

// ---------------------------------------------------------------------------------------------
// Preconditions: a built CLI and up-to-date data.

if (!existsSync(BUNDLE)) {
  log(`bench: ${rel(BUNDLE)} is missing: run \`npm run build\` first`);
  process.exit(1);
}

function dataIsCurrent() {
  const since = statSync(GENERATOR).mtimeMs;
  const files = SIZES.flatMap((s) => ["yaml", "json", "meta.json"].map((ext) => join(DATA, `synthetic-${s}.${ext}`)));
  files.push(join(DATA, "batch-100k-10000.jsonl"), join(DATA, "batch-100k-1.jsonl"));
  return files.every((f) => existsSync(f) && statSync(f).mtimeMs >= since);
}

/** Runs a generator (its own progress on stderr); fails the bench if it fails. */
function generate(generator, args = []) {
  const gen = spawnSync(NODE, [generator, ...args], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
  if (gen.status !== 0) {
    log(`bench: node ${rel(generator)} failed (exit ${gen.status ?? gen.signal})`);
    process.exit(1);
  }
}

if ((want("sizes") || want("batch")) && !dataIsCurrent()) {
  log("bench: generating the synthetic lineages (bench/generate.mjs) ...");
  generate(GENERATOR);
}

/** The hub dump is current when it and its meta file are newer than its generator. */
const hubIsCurrent = () =>
  [HUB_DUMP, HUB_META].every((f) => existsSync(f) && statSync(f).mtimeMs >= statSync(HUB_GENERATOR).mtimeMs);
if (want("hub") && !hubIsCurrent()) {
  log(`bench: generating the ${HUB_MODELS.toLocaleString("en-US")}-model hub dump (bench/generate-hub.mjs) ...`);
  generate(HUB_GENERATOR, ["--models", String(HUB_MODELS), "--out", HUB_DUMP]);
}

/** The cards are current when their directory's marker is newer than the generator. */
const CARDS_MARK = join(CARDS, ".complete");
if (want("import") && !(existsSync(CARDS_MARK) && statSync(CARDS_MARK).mtimeMs >= statSync(HUB_GENERATOR).mtimeMs)) {
  log(`bench: generating ${CARD_COUNT.toLocaleString("en-US")} model cards (bench/generate-hub.mjs --cards) ...`);
  rmSync(CARDS, { recursive: true, force: true });
  const dump = join(DATA, `.cards-dump-${process.pid}.jsonl`);
  generate(HUB_GENERATOR, [
    "--models",
    String(CARD_COUNT),
    "--out",
    dump,
    "--cards",
    CARDS,
    "--card-count",
    String(CARD_COUNT),
  ]);
  rmSync(dump, { force: true });
  rmSync(dump.replace(/\.jsonl$/, ".meta.json"), { force: true });
  writeFileSync(CARDS_MARK, "");
}

/** The build being measured: its bundle's mtime (to notice a rebuild during the bench) and the git state. */
const bundleStamp = () => statSync(BUNDLE).mtimeMs;
const startStamp = bundleStamp();
const startLoad = loadavg()[0];
function gitState(dir = ROOT) {
  const git = (...a) => spawnSync("git", a, { cwd: dir, encoding: "utf8" });
  const head = git("rev-parse", "--short", "HEAD");
  if (head.status !== 0) return "unknown commit";
  const dirty = git("status", "--porcelain", "--", "src", "scripts", "bin", "package.json").stdout.trim();
  return `commit ${head.stdout.trim()}${dirty ? " with uncommitted changes in src/ or scripts/" : ""}`;
}

/** The other build's commit. */
const againstState = () => `${AGAINST} at ${gitState(AGAINST)}`;

const meta =
  want("sizes") || want("batch")
    ? Object.fromEntries(
        SIZES.map((s) => [s, JSON.parse(readFileSync(join(DATA, `synthetic-${s}.meta.json`), "utf8"))]),
      )
    : {};
/** The hub dump's shape and the ids the bench queries (written by its generator), when the hub rows run. */
const hubMeta = want("hub") ? JSON.parse(readFileSync(HUB_META, "utf8")) : null;

// ---------------------------------------------------------------------------------------------
// Running one command.

const ENV = { ...process.env, NO_COLOR: "1", XDG_CACHE_HOME: CACHE };
for (const k of ["CAPTRACE_LINEAGE", "FORCE_COLOR", "NODE_OPTIONS"]) delete ENV[k];

const devNull = openSync("/dev/null", "w");
const rssFile = join(DATA, `.rss-${process.pid}`);
mkdirSync(DATA, { recursive: true });

const wipeCache = () => {
  rmSync(CACHE, { recursive: true, force: true });
  rmSync(AGAINST_CACHE, { recursive: true, force: true });
};

/** Shell-like rendering of a command, for messages and the report. */
const shown = (argv) => argv.map((a) => (/^[\w./:=+-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`)).join(" ");

/**
 * Runs `node ARGS` once: wall time in ms (measured around the process, /usr/bin/time included for
 * every row alike), peak RSS in MB (or null), exit status and stderr.
 */
function runOnce(args, stdinFile, env = ENV) {
  const stdin = stdinFile ? openSync(stdinFile, "r") : "ignore";
  const [cmd, argv] = HAS_TIME ? [TIME, ["-f", "%M", "-o", rssFile, NODE, ...args]] : [NODE, args];
  try {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, argv, { cwd: ROOT, env, stdio: [stdin, devNull, "pipe"], maxBuffer: 64 << 20 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.error) throw r.error;
    let peakMb = null;
    if (HAS_TIME) {
      // GNU time writes "Command exited with non-zero status N" before the format on a failure.
      const lines = readFileSync(rssFile, "utf8").trim().split("\n");
      const kb = Number(lines[lines.length - 1]);
      if (Number.isFinite(kb)) peakMb = kb / 1024;
    }
    return { ms, peakMb, status: r.status ?? 128, signal: r.signal, stderr: r.stderr.toString() };
  } finally {
    if (typeof stdin === "number") closeSync(stdin);
  }
}

/**
 * A measurement: a label, the node arguments, the accepted exit codes, how the cache is prepared
 * ("first": wiped before each run; "warm": filled by one untimed run first; undefined: left alone).
 */
function measurement(label, args, { expect = [0], cache, stdin, stderrMatch, note } = {}) {
  const m = { label, args, expect, cache, stdin, stderrMatch, note, times: [], peaks: [], statuses: new Set() };
  // The same command on the other build, with its own cache; it may lack the command (then it is dropped).
  if (AGAINST && args[0] === BIN)
    m.twin = {
      ...m,
      args: [AGAINST_BIN, ...args.slice(1)],
      env: { ...ENV, XDG_CACHE_HOME: AGAINST_CACHE },
      cacheDir: AGAINST_CACHE,
      times: [],
      peaks: [],
      statuses: new Set(),
      failed: false,
    };
  return m;
}

function fail(m, r) {
  log(
    `\nbench: FAILED: \`node ${shown(m.args.map((a) => (a.startsWith("/") ? rel(a) : a)))}\`${m.stdin ? ` < ${rel(m.stdin)}` : ""}`,
  );
  log(`  exit ${r.signal ? `signal ${r.signal}` : r.status} (expected ${m.expect.join(" or ")})`);
  log(`  stderr:\n${r.stderr.replace(/^/gm, "    ")}`);
  rmSync(rssFile, { force: true });
  process.exit(1);
}

/** Runs a measurement once more and records it; fails the bench on an unexpected exit (the other build's: drops it). */
function step(m) {
  if (m.failed) return;
  if (m.cache === "first") rmSync(m.cacheDir ?? CACHE, { recursive: true, force: true });
  const r = runOnce(m.args, m.stdin, m.env);
  if (!m.expect.includes(r.status) || (m.stderrMatch && !m.stderrMatch.test(r.stderr))) {
    if (m.failed === false) return void (m.failed = true);
    fail(m, r);
  }
  m.times.push(r.ms);
  if (r.peakMb !== null) m.peaks.push(r.peakMb);
  m.statuses.add(r.status);
}

/** Runs several measurements `runs` times each, interleaved (round-robin), so drift hits them alike. */
function series(ms, runs) {
  for (const m of ms) {
    if (m.cache === "warm") {
      const r = runOnce(m.args); // fills the cache (a batch reads no queries); untimed
      if (!m.expect.includes(r.status)) fail(m, r);
      if (m.twin && !m.twin.expect.includes(runOnce(m.twin.args, undefined, m.twin.env).status)) m.twin.failed = true;
    }
  }
  const t0 = performance.now();
  let done = 0;
  while (done < runs) {
    // Each run of a row beside the other build's, which goes first in turn.
    for (const m of ms) for (const x of m.twin ? (done % 2 ? [m.twin, m] : [m, m.twin]) : [m]) step(x);
    done++;
    // Keep the whole bench near 10 minutes: stop a slow series early when one more round would
    // take it past its budget (the "runs" column shows how many were made).
    const elapsed = performance.now() - t0;
    if (done < runs && elapsed + elapsed / done > SERIES_BUDGET_MS) break;
  }
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  const cut = done < runs ? ` (of ${runs} planned: over the ${SERIES_BUDGET_MS / 1000} s budget)` : "";
  log(`  ${ms.map((m) => m.label).join(" | ")}: ${done} run${done === 1 ? "" : "s"} each${cut}, ${secs} s`);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

// ---------------------------------------------------------------------------------------------
// The measurements.

const benchStart = performance.now();
const rows = []; // in report order
const add = (m) => (rows.push(m), m);
const lineage = (size, fmt) => join(DATA, `synthetic-${size}.${fmt}`);
const mb = (bytes) => bytes / 1e6;

log(
  `bench: ${HAS_TIME ? "" : "no /usr/bin/time: peak RSS is n/a; "}cache in ${rel(CACHE)}${QUICK ? "; BENCH_QUICK: fewer runs" : ""}`,
);

const baseline = add(measurement("`node -e 0` (baseline)", ["-e", "0"]));
const embedded = add(
  measurement("`trace code-davinci-002 chain-of-thought` (embedded lineage)", [
    BIN,
    "trace",
    "code-davinci-002",
    "chain-of-thought",
  ]),
);
const version = add(measurement("`--version`", [BIN, "--version"]));
/** The start-up rows, or only the baseline when another section runs alone. */
const startup = want("startup") ? [baseline, embedded, version] : [baseline];
log("start-up (interleaved, first half):");
series(startup, RUNS.fast);

const perSize = {}; // size -> fmt -> { validate, traceFirst, traceWarm, diffFirst, diffWarm, bytes }
for (const size of want("sizes") ? SIZES : []) {
  const q = meta[size];
  for (const fmt of ["yaml", "json"]) {
    const file = lineage(size, fmt);
    const bytes = statSync(file).size;
    const name = `${size} ${fmt.toUpperCase()}`;
    const ln = ["--lineage", file];
    const traceArgs = [BIN, ...ln, "trace", q.traceModel, q.traceAbility];
    const diffArgs = [BIN, ...ln, "diff", q.diffA, q.diffB];
    const runs = RUNS[size];
    log(`${name} (${mb(bytes).toFixed(2)} MB):`);
    if (size === "100k" && fmt === "yaml") {
      // The 100k YAML file (65 MB) loads since the fast YAML path: its first and its cached trace.
      const r = {
        bytes,
        traceFirst: add(
          measurement(
            `${name} (${mb(bytes).toFixed(1)} MB): \`trace ${q.traceModel} ${q.traceAbility}\`, first run (cache wiped)`,
            traceArgs,
            { expect: [0, 1], cache: "first" },
          ),
        ),
        traceWarm: add(
          measurement(`${name}: \`trace\`, repeated (cache warm)`, traceArgs, { expect: [0, 1], cache: "warm" }),
        ),
      };
      (perSize[size] ??= {})[fmt] = r;
      series([r.traceFirst], runs);
      series([r.traceWarm], runs);
      continue;
    }
    const r = {
      bytes,
      validate: add(measurement(`${name} (${mb(bytes).toFixed(2)} MB): \`validate\``, [BIN, "validate", file])),
      traceFirst: add(
        measurement(`${name}: \`trace ${q.traceModel} ${q.traceAbility}\`, first run (cache wiped)`, traceArgs, {
          expect: [0, 1],
          cache: "first",
        }),
      ),
      traceWarm: add(
        measurement(`${name}: \`trace\`, repeated (cache warm)`, traceArgs, { expect: [0, 1], cache: "warm" }),
      ),
      diffFirst: add(
        measurement(`${name}: \`diff ${q.diffA} ${q.diffB}\`, first run (cache wiped)`, diffArgs, { cache: "first" }),
      ),
      diffWarm: add(measurement(`${name}: \`diff\`, repeated (cache warm)`, diffArgs, { cache: "warm" })),
    };
    (perSize[size] ??= {})[fmt] = r;
    series([r.validate], runs);
    series([r.traceFirst], runs);
    series([r.traceWarm], size === "10k" ? RUNS["10k-warm"] : runs);
    series([r.diffFirst], runs);
    series([r.diffWarm], size === "10k" ? RUNS["10k-warm"] : runs);
  }
}

let batch1, batchN, batchQueries, batchBytes;
if (want("batch")) {
  log("batch on the 100k JSON lineage (cache warm):");
  const big = lineage("100k", "json");
  const batchArgs = [BIN, "--lineage", big, "trace", "--batch"];
  batchQueries = readFileSync(meta["100k"].batch, "utf8").split("\n").filter(Boolean).length;
  batch1 = add(
    measurement("100k JSON: `trace --batch`, 1 query (cache warm)", batchArgs, {
      cache: "warm",
      stdin: meta["100k"].batch1,
    }),
  );
  batchN = add(
    measurement(
      `100k JSON: \`trace --batch\`, ${batchQueries.toLocaleString("en-US")} queries (cache warm), total`,
      batchArgs,
      {
        cache: "warm",
        stdin: meta["100k"].batch,
      },
    ),
  );
  series([batch1, batchN], RUNS["100k"]);
  // How much the batch writes (untimed): the answers' size is most of the cost of answering.
  batchBytes = (() => {
    const out = join(DATA, `.batch-out-${process.pid}`);
    const fd = openSync(out, "w");
    const stdin = openSync(meta["100k"].batch, "r");
    try {
      spawnSync(NODE, batchArgs, { cwd: ROOT, env: ENV, stdio: [stdin, fd, "ignore"] });
    } finally {
      closeSync(fd);
      closeSync(stdin);
    }
    const bytes = statSync(out).size;
    rmSync(out, { force: true });
    return bytes;
  })();
}

// The 1,000,000-model hub dump opened as a lineage (`--lineage FILE.jsonl`): the first query converts and
// validates it and writes its cache entry (1-2 runs: each takes tens of seconds); then cached queries on
// the big base's two generations of descendants and on a model 40 steps deep.
const hub = {};
if (want("hub")) {
  const ln = [BIN, "--lineage", HUB_DUMP];
  const { bigBase, deepModel, deepSteps, traceAbility } = hubMeta;
  const name = `1M hub JSON Lines (${mb(hubMeta.bytes).toFixed(1)} MB)`;
  log(`${name}:`);
  hub.first = add(
    measurement(
      `${name}: \`trace ${deepModel} ${traceAbility}\`, first run (cache wiped)`,
      [...ln, "trace", deepModel, traceAbility],
      {
        expect: [0, 1],
        cache: "first",
      },
    ),
  );
  hub.tree = add(
    measurement(
      `1M hub: \`tree ${bigBase} --descendants --depth 2\`, cached`,
      [...ln, "tree", bigBase, "--descendants", "--depth", "2"],
      {
        cache: "warm",
      },
    ),
  );
  hub.trace = add(
    measurement(
      `1M hub: \`trace ${deepModel} ${traceAbility}\` (${deepSteps} steps deep), cached`,
      [...ln, "trace", deepModel, traceAbility],
      {
        expect: [0, 1],
        cache: "warm",
      },
    ),
  );
  // The count of a base's descendants by relation: `captrace descendants MODEL`, measured once the command
  // exists (another lane adds it); until then this row is left out and its target says so.
  // (commander answers `descendants --help` with the program's help, exit 0, when there is no such command:
  // the command list of `--help` is what tells.)
  const help = spawnSync(NODE, [BIN, "--help"], { cwd: ROOT, env: ENV, encoding: "utf8" }).stdout ?? "";
  const hasDescendants = /^\s+descendants\b/m.test(help);
  if (hasDescendants)
    hub.descendants = add(
      measurement(`1M hub: \`descendants ${bigBase}\`, cached`, [...ln, "descendants", bigBase], { cache: "warm" }),
    );
  series([hub.first], RUNS.hub);
  series([hub.tree, hub.trace, ...(hub.descendants ? [hub.descendants] : [])], RUNS["hub-warm"]);
}

// `import hf` of a directory of 10,000 cards, the lineage printed on stdout (to /dev/null).
let cardImport;
if (want("import")) {
  log(`import hf of ${CARD_COUNT.toLocaleString("en-US")} cards:`);
  cardImport = add(
    measurement(`\`import hf\` of ${CARD_COUNT.toLocaleString("en-US")} generated model cards from a directory`, [
      BIN,
      "import",
      "hf",
      CARDS,
    ]),
  );
  series([cardImport], RUNS.import);
}

log("start-up (interleaved, second half):");
series(startup, RUNS.fast);
wipeCache();
rmSync(rssFile, { force: true });
const benchSecs = (performance.now() - benchStart) / 1000;
const rebuilt = bundleStamp() !== startStamp;
if (rebuilt) log(`bench: WARNING: ${rel(BUNDLE)} changed during the bench: the rows mix two builds; run it again`);

// ---------------------------------------------------------------------------------------------
// The report.

const base = median(baseline.times);
const fmtMs = (x) => (Number.isFinite(x) ? (x >= 100 ? Math.round(x).toLocaleString("en-US") : x.toFixed(1)) : "n/a");
const fmtMb = (x) => (x === null || !Number.isFinite(x) ? "n/a" : x.toFixed(0));
const peakOf = (m) => (m.peaks.length ? Math.max(...m.peaks) : null);
const ratio = (x) => `${(x / base).toFixed(2)}×`;

/** The other build's figures for a row ("–" where it could not run it), and this build's over them. */
const against = (m, t, peak) => {
  const twin = m.twin;
  if (!twin || twin.failed || twin.times.length === 0) return " – | – | – |";
  const tt = median(twin.times);
  const tp = peakOf(twin);
  const mem = peak === null || tp === null ? "n/a" : `${(peak / tp).toFixed(2)}`;
  return ` ${fmtMs(tt)} | ${(t / tt).toFixed(2)} | ${fmtMb(tp)} → ${fmtMb(peak)} (${mem}) |`;
};
const table = [
  `| measurement | median ms | × node -e 0 | peak MB | runs |${AGAINST ? " other build ms | ratio | peak MB, other → this (ratio) |" : ""}`,
  `|---|---:|---:|---:|---:|${AGAINST ? "---:|---:|---:|" : ""}`,
  ...rows
    .filter((m) => m.times.length > 0)
    .map((m) => {
      const t = median(m.times);
      const peak = peakOf(m);
      return `| ${m.label} | ${fmtMs(t)} | ${ratio(t)} | ${fmtMb(peak)} | ${m.times.length} |${AGAINST ? against(m, t, peak) : ""}`;
    }),
];
const batchAfterLoad = batchN ? median(batchN.times) - median(batch1.times) : NaN;
if (batchN) {
  const twinsRan = batchN.twin && !batchN.twin.failed && !batch1.twin.failed;
  const other = twinsRan ? median(batchN.twin.times) - median(batch1.twin.times) : NaN;
  const vs = AGAINST
    ? twinsRan
      ? ` ${fmtMs(other)} | ${(batchAfterLoad / other).toFixed(2)} | – |`
      : " – | – | – |"
    : "";
  table.push(
    `| 100k JSON: ${batchQueries.toLocaleString("en-US")} batch queries after loading (total − 1-query batch) | ${fmtMs(batchAfterLoad)} | – | – | ${batchN.times.length} |${vs}`,
  );
}

const mark = (ok) => (ok ? "✅" : "❌");
const targets = [];
const target = (ok, text) => targets.push(`- ${mark(ok)} ${text}`);
if (want("startup")) {
  const e = median(embedded.times);
  target(
    e <= 1.3 * base,
    `trace on the embedded lineage ≤ 1.3× node -e 0: ${fmtMs(e)} ms = ${ratio(e)} (node -e 0: ${fmtMs(base)} ms)`,
  );
}
if (want("sizes")) {
  const w = median(perSize["10k"].yaml.traceWarm.times);
  target(w <= 1.5 * base, `repeated (cached) trace on the 10k YAML ≤ 1.5× node -e 0: ${fmtMs(w)} ms = ${ratio(w)}`);
  const f = perSize["100k"].json.traceFirst;
  const ft = median(f.times);
  const fp = peakOf(f);
  target(
    ft <= 5000 && (fp === null || fp <= 2048),
    `100k JSON first trace ≤ 5,000 ms and ≤ 2,048 MB peak: ${fmtMs(ft)} ms, ${fmtMb(fp)} MB${fp === null ? " (peak not measured)" : ""}`,
  );
  const c = median(perSize["100k"].json.traceWarm.times);
  target(c <= 1500, `100k JSON cached trace ≤ 1,500 ms: ${fmtMs(c)} ms`);
  // YAML, the format people write, loads about as fast as the same lineage in JSON, in as little memory.
  const yamlVsJson = (size) => {
    const y = perSize[size].yaml.traceFirst;
    const j = perSize[size].json.traceFirst;
    const [yt, jt, yp, jp] = [median(y.times), median(j.times), peakOf(y), peakOf(j)];
    const memory = yp === null || jp === null ? null : yp / jp;
    return { yt, jt, yp, jp, time: yt / jt, memory };
  };
  for (const size of ["10k", "100k"]) {
    const v = yamlVsJson(size);
    target(
      v.time <= 2 && (v.memory === null || v.memory <= 2),
      `${size} YAML first trace ≤ 2× the same lineage in JSON, peak memory ≤ 2×: ${fmtMs(v.yt)} ms vs ${fmtMs(v.jt)} ms = ${v.time.toFixed(2)}×; ${fmtMb(v.yp)} MB vs ${fmtMb(v.jp)} MB${v.memory === null ? " (peak not measured)" : ` = ${v.memory.toFixed(2)}×`}`,
    );
  }
  // Linear growth: the cost above Node's start-up, per MB of input, must not rise with size
  // (≤ 1.5× the per-MB cost at the next smaller size; fixed costs make small files dearer per MB).
  const lines = [];
  let linear = true;
  for (const [fmt, all] of [
    ["yaml", ["1k", "10k", "100k"]],
    ["json", ["1k", "10k", "100k"]],
  ]) {
    for (const what of ["validate", "traceFirst"]) {
      const sizes = all.filter((s) => perSize[s][fmt][what]); // the 100k YAML file has no validate row
      const perMb = sizes.map((s) => {
        const r = perSize[s][fmt];
        return (median(r[what].times) - base) / mb(r.bytes);
      });
      const ok = perMb.every((x, i) => i === 0 || x <= 1.5 * perMb[i - 1]);
      linear &&= ok;
      lines.push(
        `${fmt.toUpperCase()} ${what === "validate" ? "validate" : "first trace"}: ${sizes.map((s, i) => `${s} ${fmtMs(perMb[i])}`).join(", ")} ms/MB ${ok ? "" : "(grows)"}`.trim(),
      );
    }
  }
  target(
    linear,
    `cost grows linearly (ms above node -e 0 per MB of input; each size ≤ 1.5× the smaller one's): ${lines.join("; ")}`,
  );
}
if (want("batch")) {
  target(
    batchAfterLoad <= 1000,
    `${batchQueries.toLocaleString("en-US")} batch queries on the 100k lineage after loading ≤ 1,000 ms: ${fmtMs(batchAfterLoad)} ms (total ${fmtMs(median(batchN.times))} ms, 1-query batch ${fmtMs(median(batch1.times))} ms); the answers are ${mb(batchBytes).toFixed(1)} MB of JSON, ${(batchBytes / batchQueries / 1000).toFixed(1)} KB each`,
  );
}
if (want("hub")) {
  // The issue's scale: the 1M-model hub dump loads from JSON Lines in at most 30 s and 4 GB, and cached
  // queries answer in at most 1 s.
  const ft = median(hub.first.times);
  const fp = peakOf(hub.first);
  target(
    ft <= 30_000 && (fp === null || fp <= 4096),
    `1M hub first trace from JSON Lines ≤ 30,000 ms and ≤ 4,096 MB peak: ${fmtMs(ft)} ms, ${fmtMb(fp)} MB${fp === null ? " (peak not measured)" : ""}`,
  );
  for (const [what, m] of [
    ["tree of the big base's descendants, depth 2", hub.tree],
    [`trace ${hubMeta.deepSteps} steps deep`, hub.trace],
    ["count of the big base's descendants by relation (`descendants`)", hub.descendants],
  ]) {
    if (!m) {
      targets.push(
        `- ⏸️ 1M hub cached ${what} ≤ 1,000 ms: not measured (no \`captrace descendants\` command in this build)`,
      );
      continue;
    }
    const t = median(m.times);
    target(t <= 1000, `1M hub cached ${what} ≤ 1,000 ms: ${fmtMs(t)} ms`);
  }
}

if (want("import")) {
  const t = median(cardImport.times);
  target(
    t <= 10_000,
    `import hf of ${CARD_COUNT.toLocaleString("en-US")} cards from a directory ≤ 10,000 ms: ${fmtMs(t)} ms, ${fmtMb(peakOf(cardImport))} MB`,
  );
}

const cpu = cpus();
const header = [
  "# captrace benchmark results",
  "",
  `Machine: ${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM, ${platform()} ${release()} ${arch()}; Node ${process.version}; ${new Date().toISOString()}.`,
  `Build: ${gitState()}, ${rel(BUNDLE)} of ${new Date(startStamp).toISOString()}.` +
    (AGAINST ? ` Other build (\`--against\`): ${againstState()}, each run beside this build's, in turn first.` : "") +
    ` Load average (1 min) at the start ${startLoad.toFixed(2)}, at the end ${loadavg()[0].toFixed(2)}.`,
  ...(rebuilt
    ? ["", "**Warning: the CLI was rebuilt during this bench, so the rows mix two builds. Run it again.**"]
    : []),
  "",
  `Generated by \`${ONLY === null ? "npm run bench" : `node bench/run.mjs --only ${ONLY}`}\` (bench/run.mjs) in ${Math.round(benchSecs)} s. Wall time is the median over the runs, measured around the`,
  "process; peak MB is the largest maximum RSS over the runs (`/usr/bin/time -f %M`). NO_COLOR=1, stdout to /dev/null,",
  "a private cache (XDG_CACHE_HOME=bench/data/cache) wiped before each first-run measurement. `node -e 0`, the embedded",
  "trace and `--version` are interleaved, half at the start of the bench and half at the end. A slow series stops",
  `early when another round would take it past ${SERIES_BUDGET_MS / 1000} s (the runs column says how many were made).`,
  "",
  ...(want("sizes") || want("batch")
    ? [
        "Synthetic lineages (bench/generate.mjs, seeded): " +
          SIZES.map((s) => {
            const q = meta[s];
            return `${s}: ${q.models.toLocaleString("en-US")} models, ${q.claims.toLocaleString("en-US")} claims, YAML ${mb(q.yamlBytes).toFixed(2)} MB, JSON ${mb(q.jsonBytes).toFixed(2)} MB`;
          }).join("; ") +
          ".",
        "",
      ]
    : []),
  ...(hubMeta
    ? [
        `Hub dump (bench/generate-hub.mjs, seeded): ${hubMeta.models.toLocaleString("en-US")} models in ${mb(hubMeta.bytes).toFixed(1)} MB of JSON Lines, ` +
          `${hubMeta.derived.toLocaleString("en-US")} declaring a base (${Object.entries(hubMeta.relations)
            .map(([r, n]) => `${r} ${n.toLocaleString("en-US")}`)
            .join(", ")}), ${hubMeta.claims} claims; the big base ${hubMeta.bigBase} has ` +
          `${hubMeta.bigBaseChildren.toLocaleString("en-US")} children, ${hubMeta.deepModel} is ${hubMeta.deepSteps} steps deep.`,
        "",
      ]
    : []),
].join("\n");

const warning = rebuilt
  ? "**Warning: the CLI was rebuilt during this bench; the rows mix two builds. Run it again.**\n\n"
  : "";
const report = [warning + table.join("\n"), "", "## Targets", "", ...targets, ""].join("\n");
writeFileSync(RESULTS, `${header}\n${report}`);
process.stdout.write(`${report}\nWritten to ${rel(RESULTS)} (bench took ${Math.round(benchSecs)} s).\n`);
