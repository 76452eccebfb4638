// Generates deterministic synthetic lineages for the benchmark (bench/run.mjs), following the recipe of
// /work/shared/notes/performance-baseline.md: 200 abilities, a handful of sources, ~1% roots, every
// other model with 1 parent (70%) or 2 distinct parents (30%) chosen uniformly among earlier models,
// one step per model, 3-5 claims per step about distinct abilities, each with one evidence entry.
//
// Writes bench/data/synthetic-{1k,10k,100k}.{yaml,json} (same data in both), plus
// synthetic-SIZE.meta.json (the models and abilities the bench queries) and batch-100k-*.jsonl.
//
// The files validate: an ability is weakened, lost or restored only where some step on the model's
// ancestry introduced or unlocked it (one bitset per model: the union of its parents' plus its own).
//
// YAML is written by hand (one flow mapping per step, one line each); a YAML library is far too slow
// at 80 MB. JSON is written one object per line.
//
// Usage: node bench/generate.mjs [1k|10k|100k ...]   (default: all three)

import { closeSync, mkdirSync, openSync, renameSync, statSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const DATA_DIR = join(here, "data");
export const SIZES = { "1k": 1_000, "10k": 10_000, "100k": 100_000 };
const SEED = 0x5eed2025;
const ABILITIES = 200;
const SOURCES = 5;
const ROOT_SHARE = 0.01;
const TWO_PARENT_SHARE = 0.3;
const BATCH_QUERIES = 10_000;

/** Documented kinds for steps with one parent, cycled through; roots are pretraining, 2 parents merge. */
const ONE_PARENT_KINDS = [
  "fine-tuning",
  "rlhf",
  "preference-optimization",
  "supervised-instruction-tuning",
  "continued-pretraining",
  "instruction-tuning",
  "code-training",
  "dialogue-rlhf",
  "distillation",
  "behavior-cloning",
  "quantization",
];

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks from weighted [value, weight] pairs. */
function weighted(rand, table) {
  let total = 0;
  for (const [, w] of table) total += w;
  let r = rand() * total;
  for (const [v, w] of table) {
    if ((r -= w) < 0) return v;
  }
  return table[table.length - 1][0];
}

/** Effects for an ability already given somewhere on the ancestry, and for one that is not. */
const EFFECT_HAD = [
  ["strengthened", 35],
  ["weakened", 25],
  ["lost", 12],
  ["restored", 10],
  ["unlocked", 10],
  ["introduced", 8],
];
const EFFECT_NEW = [
  ["introduced", 50],
  ["unlocked", 35],
  ["strengthened", 15],
];
const CONFIDENCE_WEIGHTS = [
  ["established", 30],
  ["likely", 35],
  ["hypothesis", 25],
  ["speculative", 10],
];

/**
 * Builds the lineage in a compact in-memory form. Deterministic: the same seed gives the same data,
 * and a smaller lineage is a prefix of a larger one.
 */
export function buildLineage(n) {
  const rand = mulberry32(SEED);
  const words = Math.ceil(ABILITIES / 32);
  const bits = new Uint32Array(n * words);
  const steps = new Array(n);
  for (let i = 0; i < n; i++) {
    const root = i === 0 || rand() < ROOT_SHARE;
    let from;
    if (root) from = [];
    else if (i >= 2 && rand() < TWO_PARENT_SHARE) {
      const p = Math.floor(rand() * i);
      let q = Math.floor(rand() * (i - 1));
      if (q >= p) q++; // distinct from p, still uniform among the others
      from = [p, q];
    } else from = [Math.floor(rand() * i)];
    const base = i * words;
    for (const p of from) for (let w = 0; w < words; w++) bits[base + w] |= bits[p * words + w];
    const kind = root ? "pretraining" : from.length === 2 ? "merge" : ONE_PARENT_KINDS[i % ONE_PARENT_KINDS.length];
    const confidence = weighted(rand, CONFIDENCE_WEIGHTS);
    const stepSource = Math.floor(rand() * SOURCES);
    const k = 3 + Math.floor(rand() * 3); // 3-5 claims
    const chosen = new Set();
    const claims = [];
    while (claims.length < k) {
      const a = Math.floor(rand() * ABILITIES);
      if (chosen.has(a)) continue;
      chosen.add(a);
      const word = base + (a >>> 5);
      const mask = 1 << (a & 31);
      // Decided against the ancestry only (before this step's own claims), so the check is the validator's.
      const had = (bits[word] & mask) !== 0;
      const effect = weighted(rand, had ? EFFECT_HAD : EFFECT_NEW);
      claims.push({
        a,
        effect,
        confidence: weighted(rand, CONFIDENCE_WEIGHTS),
        source: Math.floor(rand() * SOURCES),
        at: `§${1 + Math.floor(rand() * 9)}.${1 + Math.floor(rand() * 9)}`,
      });
    }
    for (const c of claims) {
      if (c.effect === "introduced" || c.effect === "unlocked") bits[base + (c.a >>> 5)] |= 1 << (c.a & 31);
    }
    steps[i] = { from, kind, confidence, stepSource, claims };
  }
  return steps;
}

const modelId = (i) => `m${i}`;
const abilityId = (a) => `a${a}`;
const sourceId = (s) => `s${s}`;
const modelInfo = (i) => ({
  name: `Synthetic model ${i}`,
  series: `S${i % 17}`,
  released: `${2018 + (i % 8)}-${String(1 + (i % 12)).padStart(2, "0")}`,
  params: `${[1, 3, 7, 13, 34, 70][i % 6]}B`,
});
const stepLabel = (i, kind) => `${kind} making model ${i}`;

/** A buffered writer to a file descriptor: strings are joined and written in ~1 MB blocks. */
function writer(path) {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, "w");
  let parts = [];
  let size = 0;
  const flush = () => {
    if (parts.length) writeSync(fd, parts.join(""));
    parts = [];
    size = 0;
  };
  return {
    write(s) {
      parts.push(s);
      size += s.length;
      if (size > 1 << 20) flush();
    },
    close() {
      flush();
      closeSync(fd);
      renameSync(tmp, path);
    },
  };
}

/** YAML flow scalars here are always quoted when they hold spaces or symbols; ids are plain. */
const q = (s) => JSON.stringify(s); // a JSON string is a valid YAML double-quoted scalar (ASCII and § only)

function writeYaml(path, n, steps, title) {
  const w = writer(path);
  w.write(`# Synthetic lineage generated by bench/generate.mjs: ${n} models. Do not edit.\n`);
  w.write(`lineage: 1\ntitle: ${q(title)}\nsources:\n`);
  for (let s = 0; s < SOURCES; s++) {
    w.write(
      `  ${sourceId(s)}: {title: ${q(`Synthetic source ${s}`)}, authors: [${q(`Author ${s}`)}], year: ${2019 + s}}\n`,
    );
  }
  w.write("abilities:\n");
  for (let a = 0; a < ABILITIES; a++) w.write(`  ${abilityId(a)}: {name: ${q(`Synthetic ability ${a}`)}}\n`);
  w.write("models:\n");
  for (let i = 0; i < n; i++) {
    const m = modelInfo(i);
    w.write(
      `  ${modelId(i)}: {name: ${q(m.name)}, series: ${m.series}, released: ${q(m.released)}, params: ${m.params}}\n`,
    );
  }
  w.write("steps:\n");
  for (let i = 0; i < n; i++) {
    const s = steps[i];
    const claims = s.claims
      .map(
        (c) =>
          `{ability: ${abilityId(c.a)}, effect: ${c.effect}, confidence: ${c.confidence}, evidence: [{source: ${sourceId(c.source)}, at: ${q(c.at)}}]}`,
      )
      .join(", ");
    w.write(
      `  - {id: step-${modelId(i)}, kind: ${s.kind}, label: ${q(stepLabel(i, s.kind))}, from: [${s.from.map(modelId).join(", ")}], to: ${modelId(i)}, ` +
        `confidence: ${s.confidence}, evidence: [{source: ${sourceId(s.stepSource)}}], claims: [${claims}]}\n`,
    );
  }
  w.close();
}

function writeJson(path, n, steps, title) {
  const w = writer(path);
  const j = JSON.stringify;
  w.write(`{\n"lineage": 1,\n"title": ${j(title)},\n"sources": {\n`);
  for (let s = 0; s < SOURCES; s++) {
    w.write(
      `${j(sourceId(s))}: ${j({ title: `Synthetic source ${s}`, authors: [`Author ${s}`], year: 2019 + s })}${s < SOURCES - 1 ? "," : ""}\n`,
    );
  }
  w.write(`},\n"abilities": {\n`);
  for (let a = 0; a < ABILITIES; a++)
    w.write(`${j(abilityId(a))}: ${j({ name: `Synthetic ability ${a}` })}${a < ABILITIES - 1 ? "," : ""}\n`);
  w.write(`},\n"models": {\n`);
  for (let i = 0; i < n; i++) w.write(`${j(modelId(i))}: ${j(modelInfo(i))}${i < n - 1 ? "," : ""}\n`);
  w.write(`},\n"steps": [\n`);
  for (let i = 0; i < n; i++) {
    const s = steps[i];
    const step = {
      id: `step-${modelId(i)}`,
      kind: s.kind,
      label: stepLabel(i, s.kind),
      from: s.from.map(modelId),
      to: modelId(i),
      confidence: s.confidence,
      evidence: [{ source: sourceId(s.stepSource) }],
      claims: s.claims.map((c) => ({
        ability: abilityId(c.a),
        effect: c.effect,
        confidence: c.confidence,
        evidence: [{ source: sourceId(c.source), at: c.at }],
      })),
    };
    w.write(`${j(step)}${i < n - 1 ? "," : ""}\n`);
  }
  w.write("]\n}\n");
  w.close();
}

/** What the bench asks of a lineage: the last model, an ability its own step gives or keeps, its first parent. */
function pickQueries(n, steps) {
  const last = n - 1;
  const s = steps[last];
  const claim = s.claims.find((c) => c.effect !== "lost") ?? s.claims[0];
  return {
    models: n,
    traceModel: modelId(last),
    traceAbility: abilityId(claim.a),
    traceEffect: claim.effect,
    diffA: modelId(last),
    diffB: s.from.length ? modelId(s.from[0]) : modelId(0),
  };
}

/** 10,000 queries, half about an ability claimed on the model's own step (mostly present), half random. */
function batchLines(n, steps, count) {
  const rand = mulberry32(SEED ^ 0xba7c4);
  const lines = [];
  for (let k = 0; k < count; k++) {
    const i = Math.floor(rand() * n);
    const claims = steps[i].claims;
    const a = k % 2 === 0 ? claims[Math.floor(rand() * claims.length)].a : Math.floor(rand() * ABILITIES);
    lines.push(JSON.stringify({ model: modelId(i), ability: abilityId(a) }));
  }
  return `${lines.join("\n")}\n`;
}

function writeText(path, text) {
  const w = writer(path);
  w.write(text);
  w.close();
}

export function generate(labels = Object.keys(SIZES), log = console.log) {
  mkdirSync(DATA_DIR, { recursive: true });
  const max = Math.max(...labels.map((l) => SIZES[l]));
  const t0 = performance.now();
  const all = buildLineage(max); // smaller lineages are prefixes of the largest
  for (const label of labels) {
    const n = SIZES[label];
    const steps = all.slice(0, n);
    const title = `Synthetic lineage, ${n} models (bench/generate.mjs)`;
    const base = join(DATA_DIR, `synthetic-${label}`);
    writeYaml(`${base}.yaml`, n, steps, title);
    writeJson(`${base}.json`, n, steps, title);
    const meta = pickQueries(n, steps);
    meta.yamlBytes = statSync(`${base}.yaml`).size;
    meta.jsonBytes = statSync(`${base}.json`).size;
    meta.claims = steps.reduce((t, s) => t + s.claims.length, 0);
    meta.roots = steps.filter((s) => s.from.length === 0).length;
    meta.merges = steps.filter((s) => s.from.length === 2).length;
    if (label === "100k") {
      meta.batch = join(DATA_DIR, "batch-100k-10000.jsonl");
      meta.batch1 = join(DATA_DIR, "batch-100k-1.jsonl");
      writeText(meta.batch, batchLines(n, steps, BATCH_QUERIES));
      writeText(meta.batch1, batchLines(n, steps, 1));
    }
    writeText(`${base}.meta.json`, `${JSON.stringify(meta, null, 2)}\n`);
    const mb = (b) => (b / 1e6).toFixed(2);
    log(
      `generated ${label}: ${n} models (${meta.roots} roots, ${meta.merges} merges), ${meta.claims} claims; ` +
        `YAML ${mb(meta.yamlBytes)} MB, JSON ${mb(meta.jsonBytes)} MB`,
    );
  }
  log(`generation took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  for (const a of args)
    if (!(a in SIZES)) throw new Error(`unknown size '${a}' (expected ${Object.keys(SIZES).join(", ")})`);
  generate(args.length ? args : undefined);
}
