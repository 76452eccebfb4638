/**
 * Tests over the shipped lineage.yaml (GPT-3 to ChatGPT), as loaded and parsed by the schema.
 * They pin every claim, parentage, lack and model fact to what docs/lineage-sources.md records, so that
 * dropping or mis-stating one fails a test. Sources: fu2022gptroadmap (the article), the OpenAI model
 * index and the works the article cites.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { describe, expect, it, test } from "vitest";
import { Lineage } from "../../src/schema.js";
import type { ClaimEntry, EvidenceEntry, StepEntry } from "../../src/schema.js";

const path = fileURLToPath(new URL("../../lineage.yaml", import.meta.url));
const lineage = Lineage.parse(YAML.parse(readFileSync(path, "utf8")));

const ARTICLE = "fu2022gptroadmap";
const GPT35 = ["code-davinci-002", "text-davinci-002", "text-davinci-003", "chatgpt"];

function step(id: string): StepEntry {
  const found = lineage.steps.find((s) => s.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
}

function stepMaking(model: string): StepEntry | undefined {
  return lineage.steps.find((s) => s.to === model);
}

function claim(stepId: string, ability: string): ClaimEntry {
  const found = step(stepId).claims.filter((c) => c.ability === ability);
  if (found.length !== 1) throw new Error(`${found.length} claims for ${ability} on ${stepId}`);
  return found[0]!;
}

function sourcesOf(evidence: EvidenceEntry[]): string[] {
  return evidence.map((e) => e.source);
}

function articleSections(evidence: EvidenceEntry[]): string[] {
  return evidence.filter((e) => e.source === ARTICLE).map((e) => e.at ?? "");
}

/** Every model on the `from` ancestry of a model (not counting alternatives). */
function ancestors(model: string, seen = new Set<string>()): Set<string> {
  for (const parent of stepMaking(model)?.from ?? []) {
    if (!seen.has(parent)) {
      seen.add(parent);
      ancestors(parent, seen);
    }
  }
  return seen;
}

/** Every evidence list in the file, with where it sits. */
function allEvidence(): Array<[string, EvidenceEntry[]]> {
  const out: Array<[string, EvidenceEntry[]]> = [];
  for (const [id, m] of Object.entries(lineage.models)) {
    out.push([`model ${id}`, m.evidence ?? []]);
    out.push([`model ${id} trainingData`, m.trainingData?.evidence ?? []]);
    for (const lack of m.lacks ?? []) out.push([`model ${id} lacks ${lack.ability}`, lack.evidence]);
  }
  for (const s of lineage.steps) {
    out.push([`step ${s.id}`, s.evidence]);
    for (const [i, alt] of (s.alternatives ?? []).entries()) out.push([`step ${s.id} alternative ${i}`, alt.evidence]);
    for (const c of s.claims) out.push([`step ${s.id} claim ${c.ability}`, c.evidence]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The expected content. Each row is checked against the loaded file, and the file against the rows.
// ---------------------------------------------------------------------------------------------------------------

type Row = [step: string, ability: string, effect: string, confidence: string, evidence: number];

/** Every claim of the file: step, ability, effect, confidence, number of evidence entries. */
const CLAIMS: Row[] = [
  ["pretraining-davinci", "language-generation", "introduced", "established", 3],
  ["pretraining-davinci", "world-knowledge", "introduced", "established", 3],
  ["pretraining-davinci", "knowledge-storage", "introduced", "established", 4],
  ["pretraining-davinci", "in-context-learning", "introduced", "established", 4],
  ["pretraining-davinci", "benchmark-performance", "introduced", "established", 1],
  ["code-training-code-davinci-001", "code-generation", "introduced", "established", 2],
  ["code-training-code-davinci-001", "code-understanding", "introduced", "established", 2],
  ["code-training-code-davinci-001", "chain-of-thought", "introduced", "hypothesis", 1],
  ["code-training-code-cushman-001", "code-generation", "introduced", "established", 2],
  ["code-training-code-cushman-001", "code-understanding", "introduced", "established", 2],
  ["code-training-code-cushman-001", "chain-of-thought", "introduced", "hypothesis", 5],
  ["instruction-tuning-davinci-instruct-beta", "instruction-following", "unlocked", "established", 5],
  ["instruction-tuning-davinci-instruct-beta", "unseen-task-generalization", "unlocked", "established", 7],
  ["instruction-tuning-text-davinci-001", "instruction-following", "unlocked", "established", 2],
  ["instruction-tuning-text-davinci-001", "unseen-task-generalization", "unlocked", "established", 2],
  ["merge-code-davinci-002", "code-generation", "introduced", "established", 2],
  ["merge-code-davinci-002", "code-understanding", "introduced", "established", 1],
  ["merge-code-davinci-002", "chain-of-thought", "introduced", "hypothesis", 10],
  ["merge-code-davinci-002", "long-range-dependency", "introduced", "hypothesis", 1],
  ["merge-code-davinci-002", "hierarchy-encoding", "introduced", "speculative", 1],
  ["merge-code-davinci-002", "benchmark-performance", "strengthened", "hypothesis", 3],
  ["merge-code-davinci-002", "instruction-following", "unlocked", "likely", 2],
  ["merge-code-davinci-002", "unseen-task-generalization", "unlocked", "likely", 2],
  ["merge-code-davinci-002", "zero-shot-generation", "unlocked", "hypothesis", 1],
  ["sft-text-davinci-002", "in-context-learning", "weakened", "likely", 3],
  ["sft-text-davinci-002", "zero-shot-generation", "strengthened", "likely", 2],
  ["sft-text-davinci-002", "human-alignment", "unlocked", "likely", 4],
  ["sft-text-davinci-002", "benchmark-performance", "weakened", "likely", 3],
  ["sft-text-davinci-002", "impartial-responses", "unlocked", "likely", 2],
  ["sft-text-davinci-002", "informative-responses", "unlocked", "likely", 1],
  ["sft-text-davinci-002", "reject-unknown-questions", "unlocked", "likely", 1],
  ["rlhf-text-davinci-003", "in-context-learning", "restored", "likely", 4],
  ["rlhf-text-davinci-003", "zero-shot-generation", "strengthened", "likely", 2],
  ["rlhf-text-davinci-003", "human-alignment", "unlocked", "likely", 2],
  ["rlhf-text-davinci-003", "benchmark-performance", "weakened", "likely", 2],
  ["rlhf-text-davinci-003", "informative-responses", "unlocked", "likely", 2],
  ["rlhf-text-davinci-003", "impartial-responses", "unlocked", "likely", 2],
  ["rlhf-text-davinci-003", "reject-improper-questions", "unlocked", "likely", 1],
  ["rlhf-text-davinci-003", "reject-unknown-questions", "unlocked", "likely", 2],
  ["rlhf-chatgpt", "in-context-learning", "weakened", "hypothesis", 3],
  ["rlhf-chatgpt", "dialogue-history-modeling", "unlocked", "hypothesis", 3],
  ["rlhf-chatgpt", "dialogue", "unlocked", "likely", 2],
  ["rlhf-chatgpt", "informative-responses", "unlocked", "likely", 3],
  ["rlhf-chatgpt", "impartial-responses", "unlocked", "likely", 2],
  ["rlhf-chatgpt", "reject-improper-questions", "unlocked", "likely", 1],
  ["rlhf-chatgpt", "reject-unknown-questions", "unlocked", "likely", 3],
  ["browsing-webgpt", "retrieval", "introduced", "established", 2],
];

/** Every recorded absence: model, ability, confidence. */
const LACKS: Array<[model: string, ability: string, confidence: string]> = [
  ["davinci", "chain-of-thought", "established"],
  ["text-davinci-001", "chain-of-thought", "established"],
  ...GPT35.flatMap((m): Array<[string, string, string]> => [
    [m, "belief-revision", "likely"],
    [m, "formal-reasoning", "likely"],
    [m, "retrieval", "established"],
  ]),
];

describe("the embedded lineage file", () => {
  describe("integrity", () => {
    it("has the ten models, ten steps and twenty-three abilities", () => {
      expect(Object.keys(lineage.models).sort()).toEqual(
        [
          "davinci",
          "code-davinci-001",
          "code-cushman-001",
          "davinci-instruct-beta",
          "text-davinci-001",
          "code-davinci-002",
          "text-davinci-002",
          "text-davinci-003",
          "chatgpt",
          "webgpt",
        ].sort(),
      );
      expect(lineage.steps).toHaveLength(10);
      expect(Object.keys(lineage.abilities)).toHaveLength(23);
    });

    it("cites only sources it lists", () => {
      for (const [where, evidence] of allEvidence()) {
        for (const source of sourcesOf(evidence)) expect(lineage.sources, where).toHaveProperty([source]);
      }
      for (const [id, m] of Object.entries(lineage.models)) {
        if (m.paper) expect(lineage.sources, `paper of ${id}`).toHaveProperty([m.paper]);
        for (const a of m.approximations ?? []) {
          if (a.source) expect(lineage.sources, `approximation ${a.name}`).toHaveProperty([a.source]);
        }
      }
    });

    it("names only abilities and models it lists", () => {
      for (const s of lineage.steps) {
        expect(lineage.models, s.id).toHaveProperty([s.to]);
        for (const parent of s.from) expect(lineage.models, s.id).toHaveProperty([parent]);
        for (const alt of s.alternatives ?? []) {
          for (const parent of alt.from) expect(lineage.models, s.id).toHaveProperty([parent]);
        }
        for (const c of s.claims) expect(lineage.abilities, s.id).toHaveProperty([c.ability]);
      }
      for (const [id, m] of Object.entries(lineage.models)) {
        for (const lack of m.lacks ?? []) expect(lineage.abilities, id).toHaveProperty([lack.ability]);
      }
    });

    it("makes every model by exactly one step", () => {
      const made = lineage.steps.map((s) => s.to).sort();
      expect(made).toEqual(Object.keys(lineage.models).sort());
      expect(new Set(lineage.steps.map((s) => s.id)).size).toBe(lineage.steps.length);
    });

    it("has no cycles", () => {
      for (const id of Object.keys(lineage.models)) expect(ancestors(id).has(id), id).toBe(false);
    });

    it("weakens, loses or restores an ability only where an ancestor introduced or unlocked it", () => {
      for (const s of lineage.steps) {
        for (const c of s.claims.filter((x) => ["weakened", "lost", "restored"].includes(x.effect))) {
          const origin = [...ancestors(s.to)].some((a) =>
            stepMaking(a)?.claims.some((x) => x.ability === c.ability && ["introduced", "unlocked"].includes(x.effect)),
          );
          expect(origin, `${s.id} ${c.effect} ${c.ability}`).toBe(true);
        }
      }
    });

    it("backs every claim and every lack with the article, at a section", () => {
      const cited = (evidence: EvidenceEntry[]) =>
        evidence.some((e) => e.source === ARTICLE && /^§\d(\.\d)?(,|$)/.test(e.at ?? ""));
      for (const s of lineage.steps) {
        for (const c of s.claims) expect(cited(c.evidence), `${s.id} ${c.ability}`).toBe(true);
      }
      for (const [id, m] of Object.entries(lineage.models)) {
        for (const lack of m.lacks ?? []) expect(cited(lack.evidence), `${id} lacks ${lack.ability}`).toBe(true);
      }
    });

    it("gives every evidence entry a note saying what it shows", () => {
      for (const [where, evidence] of allEvidence()) {
        for (const e of evidence) expect(e.note?.trim().length ?? 0, `${where} ${e.source}`).toBeGreaterThan(10);
      }
    });

    it("cites a listed work under the marker the article uses for it", () => {
      // Every non-article, non-model-index evidence note on a claim names its marker, e.g. "cited as [19] in §3.1".
      for (const s of lineage.steps) {
        for (const c of s.claims) {
          for (const e of c.evidence.filter((x) => x.source !== ARTICLE && x.source !== "openai-model-index")) {
            expect(e.note, `${s.id} ${c.ability} ${e.source}`).toMatch(/\[\d+\] in §\d/);
          }
        }
      }
    });
  });

  describe("claims", () => {
    test.each(CLAIMS)("%s: %s %s (%s, %i evidence)", (stepId, ability, effect, confidence, evidence) => {
      const c = claim(stepId, ability);
      expect(c.effect).toBe(effect);
      expect(c.confidence).toBe(confidence);
      expect(c.evidence).toHaveLength(evidence);
    });

    it("has no claim beyond the table", () => {
      const listed = lineage.steps.flatMap((s) => s.claims.map((c) => `${s.id} ${c.ability}`)).sort();
      expect(listed).toEqual(CLAIMS.map(([s, a]) => `${s} ${a}`).sort());
    });

    it("credits chain-of-thought to code training with the six pieces of evidence of §3.1", () => {
      const c = claim("merge-code-davinci-002", "chain-of-thought");
      const numbered = c.evidence.filter((e) => /^Evidence \d of 6/.test(e.note ?? ""));
      expect(numbered.map((e) => e.note?.slice(0, 15))).toEqual([1, 2, 3, 4, 5, 6].map((n) => `Evidence ${n} of 6`));
      expect(sourcesOf(numbered)).toEqual([
        ARTICLE,
        "wei2022cot",
        "chowdhery2022palm",
        "chen2021codex",
        "liang2022helm",
        "fu2022complexity",
      ]);
      expect(numbered[0]?.at).toBe("§3.1");
      // Markers [19], [20], [21], [23], [24] of §3.1.
      for (const [i, marker] of ["[19]", "[20]", "[21]", "[23]", "[24]"].entries()) {
        expect(numbered[i + 1]?.note).toContain(`${marker} in §3.1`);
      }
      // Plus the article's own statement of the claim in §3.1 (with its correlation-not-causation caveat) and
      // its restatements in §3.2, §5 and §7.
      const statement = c.evidence.filter((e) => e.source === ARTICLE && !numbered.includes(e));
      expect(statement.map((e) => e.at)).toEqual(["§3.1", "§3.2", "§5", "§7"]);
      expect(statement[0]?.note).toMatch(/correlation, not necessarily causation/);
      expect(c.note).toMatch(/FAQ grades .* a hypothesis/);
    });

    it("credits unseen-task generalisation to instruction tuning with T0, Flan and Flan-PaLM", () => {
      const c = claim("instruction-tuning-davinci-instruct-beta", "unseen-task-generalization");
      expect(sourcesOf(c.evidence)).toEqual(expect.arrayContaining(["sanh2021t0", "wei2021flan", "chung2022flanpalm"]));
      expect(articleSections(c.evidence)).toEqual(["§3.1", "§5", "§7", "§3.2"]);
      expect(c.note).toMatch(/conclusion/);
    });

    it("says instruction tuning unlocks rather than injects, citing the 77K instruction data", () => {
      const c = claim("instruction-tuning-davinci-instruct-beta", "instruction-following");
      const paper = c.evidence.find((e) => e.source === "ouyang2022instructgpt");
      expect(paper?.note).toMatch(/\[28\] in §3\.2.*77K/);
      expect(c.note).toMatch(/strong hypothesis/);
    });

    it("records the alignment tax on text-davinci-002 and its partial repair in text-davinci-003", () => {
      const tax = claim("sft-text-davinci-002", "in-context-learning");
      expect(sourcesOf(tax.evidence)).toContain("ouyang2022instructgpt");
      const taxPaper = tax.evidence.find((e) => e.source === "ouyang2022instructgpt");
      expect(taxPaper?.note).toMatch(/\[12\] in §2.*alignment tax/);
      const restored = claim("rlhf-text-davinci-003", "in-context-learning");
      expect(restored.effect).toBe("restored");
      expect(restored.evidence.find((e) => e.source === "ouyang2022instructgpt")?.note).toMatch(/\[32\] in §4/);
      expect(restored.note).toMatch(/still worse than code-davinci-002/);
    });

    it("keeps ChatGPT's in-context learning trade hedged", () => {
      expect(claim("rlhf-chatgpt", "in-context-learning").evidence[0]?.note).toMatch(/seems/);
      expect(claim("rlhf-chatgpt", "dialogue-history-modeling").confidence).toBe("hypothesis");
    });

    it("credits retrieval to WebGPT, citing its paper [35]", () => {
      const c = claim("browsing-webgpt", "retrieval");
      expect(articleSections(c.evidence)).toEqual(["§6"]);
      expect(c.evidence.find((e) => e.source === "nakano2021webgpt")?.note).toMatch(/\[35\] in §6/);
    });

    it("holds nothing from §4 (collective experience, not rigorous statistics) as established", () => {
      for (const id of ["rlhf-text-davinci-003", "rlhf-chatgpt"]) {
        for (const c of step(id).claims) expect(c.confidence, `${id} ${c.ability}`).not.toBe("established");
      }
    });
  });

  describe("abilities", () => {
    /** Each ability, aliases it must accept, and the claims or lacks it must appear in. */
    const ABILITIES: Array<[id: string, aliases: string[]]> = [
      ["language-generation", ["generation"]],
      ["world-knowledge", []],
      ["knowledge-storage", []],
      ["in-context-learning", ["icl", "few-shot"]],
      ["instruction-following", []],
      ["unseen-task-generalization", ["zero-shot-generalization"]],
      ["zero-shot-generation", ["zero-shot"]],
      ["code-generation", []],
      ["code-understanding", []],
      ["chain-of-thought", ["complex-reasoning", "cot"]],
      ["long-range-dependency", []],
      ["hierarchy-encoding", []],
      ["human-alignment", ["alignment"]],
      ["informative-responses", ["detailed-responses"]],
      ["impartial-responses", []],
      ["reject-improper-questions", []],
      ["reject-unknown-questions", []],
      ["dialogue", ["chat"]],
      ["dialogue-history-modeling", []],
      ["belief-revision", []],
      ["formal-reasoning", []],
      ["retrieval", ["web-search"]],
      ["benchmark-performance", []],
    ];

    it("lists exactly these abilities", () => {
      expect(Object.keys(lineage.abilities).sort()).toEqual(ABILITIES.map(([id]) => id).sort());
    });

    test.each(ABILITIES)("%s is named, aliased and traced", (id, aliases) => {
      const ability = lineage.abilities[id];
      expect(ability?.name.length).toBeGreaterThan(0);
      expect(ability?.aliases ?? []).toEqual(expect.arrayContaining(aliases));
      const claimed = lineage.steps.flatMap((s) =>
        s.claims.filter((c) => c.ability === id).map((c) => `${s.id} ${c.effect}`),
      );
      const lacked = Object.entries(lineage.models).flatMap(([m, model]) =>
        (model.lacks ?? []).filter((l) => l.ability === id).map(() => `${m} lacks`),
      );
      const expected = [
        ...CLAIMS.filter(([, a]) => a === id).map(([s, , effect]) => `${s} ${effect}`),
        ...LACKS.filter(([, a]) => a === id).map(([m]) => `${m} lacks`),
      ];
      expect(expected.length, "every ability is traced somewhere").toBeGreaterThan(0);
      expect([...claimed, ...lacked].sort()).toEqual(expected.sort());
    });

    it("keeps aliases unambiguous across abilities and across models", () => {
      const owner = new Map<string, string>();
      const add = (key: string, who: string) => {
        const k = key.toLowerCase();
        const prev = owner.get(k);
        if (prev !== undefined && prev !== who) throw new Error(`${key} names both ${prev} and ${who}`);
        owner.set(k, who);
      };
      for (const [id, a] of Object.entries(lineage.abilities)) {
        for (const k of [id, ...(a.aliases ?? [])]) add(k, `ability ${id}`);
      }
      owner.clear();
      for (const [id, m] of Object.entries(lineage.models)) {
        for (const k of [id, ...(m.aliases ?? [])]) add(k, `model ${id}`);
      }
    });
  });

  describe("models", () => {
    type Facts = {
      series?: string;
      family?: string;
      api?: string;
      released?: string;
      paper?: string;
      params?: string;
      context?: number;
      aliases?: string[];
    };
    const MODELS: Array<[id: string, facts: Facts]> = [
      [
        "davinci",
        {
          series: "GPT-3",
          family: "GPT-3 Initial",
          api: "davinci",
          released: "2020-07",
          paper: "brown2020gpt3",
          params: "175B",
          context: 2048,
          aliases: ["gpt-3", "GPT-3 Initial"],
        },
      ],
      ["code-davinci-001", { series: "GPT-3", family: "Codex Initial", api: "code-davinci-001" }],
      [
        "code-cushman-001",
        {
          series: "GPT-3",
          family: "Codex Initial",
          api: "code-cushman-001",
          paper: "chen2021codex",
          params: "12B",
        },
      ],
      [
        "davinci-instruct-beta",
        {
          series: "GPT-3",
          family: "InstructGPT Initial",
          api: "davinci-instruct-beta",
          paper: "ouyang2022instructgpt",
          params: "175B",
          aliases: ["Instruct-davinci-beta"],
        },
      ],
      [
        "text-davinci-001",
        { series: "GPT-3", family: "InstructGPT Initial", api: "text-davinci-001", paper: "ouyang2022instructgpt" },
      ],
      [
        "code-davinci-002",
        { series: "GPT-3.5", api: "code-davinci-002", released: "2022-04", context: 8192, aliases: ["codex"] },
      ],
      ["text-davinci-002", { series: "GPT-3.5", api: "text-davinci-002", released: "2022-05" }],
      ["text-davinci-003", { series: "GPT-3.5", api: "text-davinci-003", released: "2022-11" }],
      ["chatgpt", { series: "GPT-3.5", released: "2022-11", aliases: ["ChatGPT"] }],
      ["webgpt", { paper: "nakano2021webgpt", aliases: ["WebGPT"] }],
    ];

    test.each(MODELS)("%s has the facts its sources give", (id, facts) => {
      const m = lineage.models[id];
      expect(m).toBeDefined();
      const { aliases, ...rest } = facts;
      expect(m).toMatchObject(rest);
      expect(m?.aliases ?? []).toEqual(expect.arrayContaining(aliases ?? []));
      expect(m?.evidence?.length ?? 0, "facts are cited").toBeGreaterThan(0);
    });

    it("gives ChatGPT no API name and no gpt-3.5-turbo alias, which no source supports", () => {
      expect(lineage.models.chatgpt?.api).toBeUndefined();
      expect((lineage.models.chatgpt?.aliases ?? []).some((a) => /turbo/i.test(a))).toBe(false);
    });

    it("records davinci's training data as the article gives it", () => {
      const data = lineage.models.davinci?.trainingData;
      expect(data?.tokens).toBe("300B");
      expect(data?.mix).toEqual([
        { name: "C4 (2016-2019)", share: 60 },
        { name: "WebText2", share: 22 },
        { name: "Books", share: 16 },
        { name: "Wikipedia", share: 3 },
      ]);
      expect(articleSections(data?.evidence ?? [])).toContain("§1");
    });

    it("records the GPT-3.5 data cutoffs: before Q4 2021 (model index) for every GPT-3.5 model", () => {
      for (const id of ["code-davinci-002", "text-davinci-002", "text-davinci-003"]) {
        const data = lineage.models[id]?.trainingData;
        expect(data?.cutoff, id).toBe("before Q4 2021");
        expect(sourcesOf(data?.evidence ?? []), id).toContain("openai-model-index");
      }
      expect(lineage.models.chatgpt?.trainingData?.cutoff).toBe("before Q4 2021");
      expect(articleSections(lineage.models.chatgpt?.trainingData?.evidence ?? [])).toEqual(["§4"]);
    });

    const APPROXIMATIONS: Array<[model: string, sources: Array<string | undefined>]> = [
      ["davinci", ["zhang2022opt", undefined, undefined]],
      ["code-cushman-001", ["nijkamp2022codegen"]],
      ["davinci-instruct-beta", ["sanh2021t0", "wei2021flan"]],
      ["text-davinci-002", ["sanh2021t0", "wei2021flan"]],
      ["text-davinci-003", ["glaese2022sparrow", "ramamurthy2022rl4lms"]],
      ["chatgpt", ["glaese2022sparrow", "ramamurthy2022rl4lms"]],
    ];

    test.each(APPROXIMATIONS)("%s has the summary table's open-source approximations", (id, sources) => {
      expect(lineage.models[id]?.approximations?.map((a) => a.source)).toEqual(sources);
    });

    it("names no approximation the summary table does not", () => {
      const withApprox = Object.entries(lineage.models)
        .filter(([, m]) => (m.approximations ?? []).length > 0)
        .map(([id]) => id);
      expect(withApprox.sort()).toEqual(APPROXIMATIONS.map(([id]) => id).sort());
      expect(lineage.models.davinci?.approximations?.map((a) => a.name)).toEqual(["Meta OPT", "BLOOM", "Galactica"]);
    });
  });

  describe("lacks", () => {
    test.each(LACKS)("%s lacks %s (%s)", (model, ability, confidence) => {
      const lack = (lineage.models[model]?.lacks ?? []).find((l) => l.ability === ability);
      expect(lack?.confidence).toBe(confidence);
      expect(lack?.evidence.length).toBeGreaterThan(0);
    });

    it("records no other absence", () => {
      const listed = Object.entries(lineage.models).flatMap(([m, model]) =>
        (model.lacks ?? []).map((l) => `${m} ${l.ability}`),
      );
      expect(listed.sort()).toEqual(LACKS.map(([m, a]) => `${m} ${a}`).sort());
    });

    it("cites §6 for what GPT-3.5 cannot do", () => {
      for (const m of GPT35) {
        for (const lack of (lineage.models[m]?.lacks ?? []).filter((l) => l.ability !== "chain-of-thought")) {
          expect(articleSections(lack.evidence), `${m} ${lack.ability}`).toEqual(["§6"]);
        }
      }
    });

    it("does not credit a model with an ability it lacks", () => {
      for (const [id, m] of Object.entries(lineage.models)) {
        const lineageOf = [id, ...ancestors(id)];
        for (const lack of m.lacks ?? []) {
          const gained = lineageOf.some((a) =>
            stepMaking(a)?.claims.some(
              (c) => c.ability === lack.ability && c.effect !== "weakened" && c.effect !== "lost",
            ),
          );
          expect(gained, `${id} lacks ${lack.ability}`).toBe(false);
        }
      }
    });

    it("has ChatGPT lacking retrieval while WebGPT, off the GPT-3.5 line, introduced it", () => {
      expect(lineage.models.chatgpt?.lacks?.map((l) => l.ability)).toContain("retrieval");
      expect(claim("browsing-webgpt", "retrieval").effect).toBe("introduced");
      expect(ancestors("chatgpt").has("webgpt")).toBe(false);
    });
  });

  describe("steps and parentage", () => {
    type StepFacts = {
      kind: string;
      label?: string;
      method?: string;
      from: string[];
      to: string;
      confidence: string;
    };
    /** Every step: the figure's label where it has one, the method's own name, and the parentage. */
    const STEPS: Array<[id: string, facts: StepFacts]> = [
      [
        "pretraining-davinci",
        {
          kind: "pretraining",
          label: "Large-scale language model pretraining",
          method: "Language Modeling",
          from: [],
          to: "davinci",
          confidence: "established",
        },
      ],
      [
        "code-training-code-davinci-001",
        {
          kind: "code-training",
          label: "Training on code",
          from: ["davinci"],
          to: "code-davinci-001",
          confidence: "likely",
        },
      ],
      [
        "code-training-code-cushman-001",
        {
          kind: "code-training",
          label: "Training on code",
          method: "Training on Code",
          from: ["davinci"],
          to: "code-cushman-001",
          confidence: "hypothesis",
        },
      ],
      [
        "instruction-tuning-davinci-instruct-beta",
        {
          kind: "supervised-instruction-tuning",
          label: "Instruction tuning",
          method: "SFT",
          from: ["davinci"],
          to: "davinci-instruct-beta",
          confidence: "established",
        },
      ],
      [
        "instruction-tuning-text-davinci-001",
        {
          kind: "supervised-instruction-tuning",
          label: "Instruction tuning",
          method: "FeedME",
          from: ["davinci"],
          to: "text-davinci-001",
          confidence: "likely",
        },
      ],
      [
        "merge-code-davinci-002",
        {
          kind: "merge",
          label: "LM + code training then instruction tuning",
          method: "Training on text + code, tuning on instructions",
          from: ["code-davinci-001", "code-cushman-001", "davinci-instruct-beta", "text-davinci-001"],
          to: "code-davinci-002",
          confidence: "likely",
        },
      ],
      [
        "sft-text-davinci-002",
        {
          kind: "supervised-instruction-tuning",
          label: "Supervised instruction tuning",
          method: "FeedME",
          from: ["code-davinci-002"],
          to: "text-davinci-002",
          confidence: "established",
        },
      ],
      [
        "rlhf-text-davinci-003",
        {
          kind: "rlhf",
          label: "RLHF",
          method: "PPO",
          from: ["text-davinci-002"],
          to: "text-davinci-003",
          confidence: "likely",
        },
      ],
      [
        "rlhf-chatgpt",
        {
          kind: "dialogue-rlhf",
          label: "RLHF",
          method: "Tuning on dialog with RLHF",
          from: ["text-davinci-002"],
          to: "chatgpt",
          confidence: "likely",
        },
      ],
      [
        "browsing-webgpt",
        {
          kind: "behavior-cloning",
          method: "Behavior cloning, then rejection sampling against a reward model",
          from: ["davinci"],
          to: "webgpt",
          confidence: "likely",
        },
      ],
    ];

    test.each(STEPS)("%s", (id, facts) => {
      const s = step(id);
      const { kind, label, method, from, to, confidence } = s;
      expect({ kind, label, method, from, to, confidence }).toEqual(facts);
      expect(s.evidence.length).toBeGreaterThan(0);
    });

    it("has no step beyond the table", () => {
      expect(lineage.steps.map((s) => s.id)).toEqual(STEPS.map(([id]) => id));
    });

    it("cites the figure for every edge it draws", () => {
      for (const [id] of STEPS.filter(([id]) => id !== "browsing-webgpt")) {
        expect(articleSections(step(id).evidence), id).toContain("§2, evolution-tree figure");
      }
    });

    it("cites the model index for the methods it names (SFT, FeedME, PPO)", () => {
      const methodSteps = [
        "instruction-tuning-davinci-instruct-beta",
        "instruction-tuning-text-davinci-001",
        "sft-text-davinci-002",
        "rlhf-text-davinci-003",
      ];
      for (const id of methodSteps) {
        const note = step(id).evidence.find((e) => e.source === "openai-model-index")?.note ?? "";
        expect(note, id).toContain(step(id).method ?? "?");
      }
      expect(step("sft-text-davinci-002").evidence.find((e) => e.source === "openai-model-index")?.note).toMatch(
        /based on code-davinci-002/,
      );
      expect(step("rlhf-text-davinci-003").evidence.find((e) => e.source === "openai-model-index")?.note).toMatch(
        /improvement on text-davinci-002/,
      );
    });

    /** Other readings of a parentage: step, parents in that reading, confidence, sources it cites. */
    const ALTERNATIVES: Array<[step: string, from: string[], confidence: string, sources: string[]]> = [
      ["code-training-code-cushman-001", [], "established", [ARTICLE, "chen2021codex", "openai-model-index"]],
      ["merge-code-davinci-002", [], "hypothesis", [ARTICLE, "press2022alibi", "openai-model-index"]],
      ["rlhf-text-davinci-003", ["code-davinci-002"], "likely", [ARTICLE, ARTICLE]],
      ["rlhf-chatgpt", ["code-davinci-002"], "likely", [ARTICLE]],
    ];

    test.each(ALTERNATIVES)("%s has the alternative parentage %j (%s)", (id, from, confidence, sources) => {
      const alts = step(id).alternatives ?? [];
      expect(alts).toHaveLength(1);
      expect(alts[0]).toMatchObject({ from, confidence });
      expect(sourcesOf(alts[0]?.evidence ?? [])).toEqual(sources);
      expect(alts[0]?.note?.length ?? 0).toBeGreaterThan(0);
    });

    it("has no alternative beyond those", () => {
      const withAlts = lineage.steps.filter((s) => (s.alternatives ?? []).length > 0).map((s) => s.id);
      expect(withAlts.sort()).toEqual(ALTERNATIVES.map(([id]) => id).sort());
    });

    it("explains each disputed or box-level parentage in a note", () => {
      const explained = [
        "code-training-code-davinci-001",
        "code-training-code-cushman-001",
        "instruction-tuning-text-davinci-001",
        "merge-code-davinci-002",
        "rlhf-text-davinci-003",
        "rlhf-chatgpt",
        "browsing-webgpt",
      ];
      for (const id of explained) {
        expect(step(id).note?.length ?? 0, id).toBeGreaterThan(0);
      }
      expect(step("merge-code-davinci-002").alternatives?.[0]?.note).toMatch(/educated guess/);
      expect(step("rlhf-chatgpt").alternatives?.[0]?.evidence[0]?.at).toBe("§2");
    });

    it("bases WebGPT on davinci through its own paper", () => {
      expect(sourcesOf(step("browsing-webgpt").evidence)).toEqual(["nakano2021webgpt", ARTICLE]);
    });
  });
});
