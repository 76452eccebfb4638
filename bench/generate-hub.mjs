// Generates a deterministic hub-shaped dump for the import benchmark: JSON Lines, one model a row, in the
// dump shape `captrace import hf` reads (src/import/dump.ts): {id, base_model, base_model_relation,
// license, pipeline_tag, claims?}. The shape follows the published one for the Hub (2025): about 30% of
// models declare a base; of those about 79% finetune, 19% quantized, 2% merge (2-3 parents); one base
// with 32,000 children; chains up to 40 deep; a few hundred claims (captrace's own column); about 2% of
// derived rows name a base no row describes (an external root). About a fifth of finetunes and merges
// omit the relation, as many cards do.
//
// Usage: node bench/generate-hub.mjs [--models N] [--seed S] [--out FILE] [--cards DIR --card-count K]
//   --out FILE     write the dump there (default bench/data/hub-N.jsonl); the file is written atomically,
//                  with FILE's name ending .meta.json instead of .jsonl beside it: the counts, the big base's
//                  id and its children, and a model 40 steps deep (what the bench queries)
//   --cards DIR    also write the first K rows as model cards DIR/ORG--NAME/README.md (default K 10,000)

import { closeSync, mkdirSync, openSync, renameSync, statSync, writeFileSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { mulberry32 as prng } from "./generate.mjs";

const here = dirname(fileURLToPath(import.meta.url));

const LICENSES = ["apache-2.0", "mit", "llama3.1", "other", "cc-by-nc-4.0", "gemma"];
const PIPELINES = [
  "text-generation",
  "text-generation",
  "text-generation",
  "image-text-to-text",
  "text-classification",
  "sentence-similarity",
];
const ABILITIES = [
  "chat",
  "code",
  "math",
  "tool-use",
  "long-context",
  "multilingual",
  "reasoning",
  "safety",
  "summarization",
  "retrieval",
  "vision",
  "roleplay",
];
const EFFECTS = ["introduced", "unlocked", "strengthened"];
const CONFIDENCES = ["established", "likely", "hypothesis", "speculative"];

/** The id of model i: ORG/NAME with a realistic spread of organisations. Model 0 is the big base. */
export function hubId(i) {
  if (i === 0) return "meta-llama/Llama-3.1-8B";
  return `org${((i * 2654435761) >>> 0) % Math.max(1, Math.floor(i / 20) + 1)}/model-${i}`;
}

/**
 * The rows, one at a time. Parents are chosen among earlier models (so the dump is acyclic); a parent
 * already 39 steps deep is replaced by a root, so no chain passes 40. Model 1..40 form the one 40-deep chain.
 */
export function* hubRows(models, seed = 0x48554221) {
  const rand = prng(seed);
  const depth = new Uint8Array(models);
  const roots = [];
  const bigChildren = Math.min(32_000, Math.floor(models * 0.3 * 0.25));
  let bigLeft = bigChildren;
  let claimsLeft = Math.min(300, Math.floor(models / 100));
  const pick = (arr) => arr[Math.floor(rand() * arr.length)];
  for (let i = 0; i < models; i++) {
    const row = { id: hubId(i) };
    if (rand() < 0.6) row.license = pick(LICENSES);
    if (rand() < 0.5) row.pipeline_tag = pick(PIPELINES);
    const chain = i >= 1 && i <= 40;
    const derived = i > 0 && (chain || rand() < 0.3);
    if (!derived) {
      roots.push(i);
      yield row;
      continue;
    }
    const r = rand();
    let relation = chain ? "finetune" : r < 0.79 ? "finetune" : r < 0.98 ? "quantized" : "merge";
    const parentOf = () => {
      if (rand() < 0.02) return -1 - Math.floor(rand() * 5000); // an external base
      let p = Math.floor(rand() * i);
      if (depth[p] >= 39) p = roots[Math.floor(rand() * roots.length)];
      return p;
    };
    let parents;
    if (chain) parents = [i - 1];
    else if (bigLeft > 0 && relation !== "merge" && rand() < bigChildren / (models * 0.3 * 0.98)) {
      parents = [0];
      bigLeft--;
    } else if (relation === "merge") {
      const n = rand() < 0.7 ? 2 : 3;
      parents = [];
      while (parents.length < n) {
        const p = parentOf();
        if (!parents.includes(p)) parents.push(p);
      }
    } else parents = [parentOf()];
    depth[i] = 1 + Math.max(...parents.map((p) => (p < 0 ? 0 : depth[p])));
    row.base_model = parents.map((p) => (p < 0 ? `external-org/base-${-1 - p}` : hubId(p)));
    if (relation === "quantized" || rand() >= 0.2) row.base_model_relation = relation;
    if (claimsLeft > 0 && rand() < 0.01) {
      claimsLeft--;
      row.claims = [
        { ability: pick(ABILITIES), effect: pick(EFFECTS), confidence: pick(CONFIDENCES), note: "synthetic claim" },
      ];
    }
    yield row;
  }
}

/** The id of the model at the end of the 40-deep chain (models 1..40 are it). */
export const DEEP_INDEX = 40;

/** Counts the shape of rows as they pass: derived, by relation, merges, the big base's children, claims, deepest chain. */
export function shapeCounter() {
  const big = hubId(0);
  const depth = new Map();
  const stats = { models: 0, derived: 0, relations: {}, merges: 0, bigBaseChildren: 0, claims: 0, deepest: 0 };
  return {
    stats,
    add(row) {
      stats.models++;
      let d = 0;
      if (row.base_model) {
        stats.derived++;
        const rel = row.base_model_relation ?? "unspecified";
        stats.relations[rel] = (stats.relations[rel] ?? 0) + 1;
        if (row.base_model.length > 1) stats.merges++;
        if (row.base_model.includes(big)) stats.bigBaseChildren++;
        d = 1 + Math.max(...row.base_model.map((b) => depth.get(b) ?? 0));
      }
      if (d > 0) depth.set(row.id, d);
      if (d > stats.deepest) stats.deepest = d;
      stats.claims += row.claims?.length ?? 0;
    },
  };
}

/** A model card (front matter only, as most cards start) for a row. */
export function cardText(row) {
  const lines = ["---"];
  if (row.base_model) {
    lines.push(
      row.base_model.length === 1
        ? `base_model: ${row.base_model[0]}`
        : `base_model:\n${row.base_model.map((b) => `- ${b}`).join("\n")}`,
    );
    if (row.base_model_relation) lines.push(`base_model_relation: ${row.base_model_relation}`);
  }
  if (row.license) lines.push(`license: ${row.license}`);
  if (row.pipeline_tag) lines.push(`pipeline_tag: ${row.pipeline_tag}`);
  lines.push("tags:\n- synthetic\n---", "", `# ${row.id}`, "", "A synthetic model card for the import benchmark.", "");
  return lines.join("\n");
}

function args(argv) {
  const out = { models: 1_000_000, seed: 0x48554221, out: null, cards: null, cardCount: 10_000 };
  const keys = {
    "--models": "models",
    "--seed": "seed",
    "--out": "out",
    "--cards": "cards",
    "--card-count": "cardCount",
  };
  for (let i = 0; i < argv.length; i += 2) {
    const key = keys[argv[i]];
    if (!key) throw new Error(`unknown option ${argv[i]}`);
    out[key] = key === "out" || key === "cards" ? argv[i + 1] : Number(argv[i + 1]);
  }
  if (!Number.isInteger(out.models) || out.models < 41)
    throw new Error("--models must be a whole number of at least 41 (the 40-deep chain)");
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const opts = args(process.argv.slice(2));
  const file = opts.out ?? join(here, "data", `hub-${opts.models}.jsonl`);
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, "w");
  let buffer = "";
  let n = 0;
  let cards = 0;
  const shape = shapeCounter();
  for (const row of hubRows(opts.models, opts.seed)) {
    shape.add(row);
    buffer += JSON.stringify(row) + "\n";
    if (buffer.length > 1 << 20) {
      writeSync(fd, buffer);
      buffer = "";
    }
    if (opts.cards && cards < opts.cardCount) {
      const dir = join(opts.cards, row.id.replace("/", "--"));
      mkdirSync(dir, { recursive: true });
      const cfd = openSync(join(dir, "README.md"), "w");
      writeSync(cfd, cardText(row));
      closeSync(cfd);
      cards++;
    }
    n++;
  }
  writeSync(fd, buffer);
  closeSync(fd);
  const meta = {
    ...shape.stats,
    seed: opts.seed,
    bytes: statSync(tmp).size,
    bigBase: hubId(0),
    deepModel: hubId(DEEP_INDEX),
    deepSteps: DEEP_INDEX,
    traceAbility: ABILITIES[0],
  };
  const metaFile = file.replace(/(\.jsonl)?$/, ".meta.json");
  writeFileSync(`${metaFile}.tmp-${process.pid}`, `${JSON.stringify(meta, null, 2)}\n`);
  renameSync(tmp, file);
  renameSync(`${metaFile}.tmp-${process.pid}`, metaFile);
  console.error(
    `wrote ${n} rows to ${file}${opts.cards ? ` and ${cards} cards under ${opts.cards}` : ""}; the big base ${meta.bigBase} has ${meta.bigBaseChildren} children, ${meta.deepModel} is ${meta.deepSteps} steps deep (${metaFile})`,
  );
}
