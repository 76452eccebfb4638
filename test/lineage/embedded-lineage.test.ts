/**
 * Invariants of the shipped lineage.yaml (GPT-3 to ChatGPT, after fu2022gptroadmap): what must hold of any
 * faithful encoding of the article, not a second copy of the file. What the validator already enforces
 * (references, one step per model, cycles, changes to abilities never given) is left to it; the table's
 * markers are checked in table-markers.test.ts.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { CONFIDENCE_LEVELS, Lineage } from "../../src/schema.js";
import type { ClaimEntry, ConfidenceLevel, EvidenceEntry, StepEntry } from "../../src/schema.js";
import { loadLineageFile } from "../../src/load/load-lineage.js";
import { formatProblem } from "../../src/problem.js";

const path = fileURLToPath(new URL("../../lineage.yaml", import.meta.url));
const lineage = Lineage.parse(YAML.parse(readFileSync(path, "utf8")));

const ARTICLE = "fu2022gptroadmap";
/** Where in the article evidence may point: its sections, the two images, the FAQ (graded in supplement.md). */
const PLACES = /^(§(1|2|3|3\.1|3\.2|4|5|6|7)|§2, evolution-tree figure|§5, summary table|FAQ)$/;

const rank = (level: ConfidenceLevel) => CONFIDENCE_LEVELS.indexOf(level);
/** The least sure of a claim's two grades: that the change happened, and how it came. */
const weakest = (c: ClaimEntry) => Math.max(rank(c.confidence), rank(c.attribution ?? c.confidence));

function everyClaim(): Array<[StepEntry, ClaimEntry]> {
  return lineage.steps.flatMap((s) => s.claims.map((c) => [s, c] as [StepEntry, ClaimEntry]));
}

function allEvidence(): Array<[string, EvidenceEntry]> {
  const out: Array<[string, EvidenceEntry]> = [];
  const add = (where: string, list: EvidenceEntry[] | undefined) => list?.forEach((e) => out.push([where, e]));
  for (const [id, m] of Object.entries(lineage.models)) {
    add(`model ${id}`, m.evidence);
    add(`model ${id} trainingData`, m.trainingData?.evidence);
    for (const lack of m.lacks ?? []) add(`model ${id} lacks ${lack.ability}`, lack.evidence);
  }
  for (const s of lineage.steps) {
    add(`step ${s.id}`, s.evidence);
    (s.alternatives ?? []).forEach((alt, i) => add(`step ${s.id} alternative ${i}`, alt.evidence));
    for (const c of s.claims) add(`step ${s.id} claim ${c.ability}`, c.evidence);
  }
  return out;
}

/** The text a claim's grades answer to: its note and its evidence notes. */
const wordsOf = (c: ClaimEntry) => [c.note ?? "", ...c.evidence.map((e) => e.note ?? "")].join("\n");

describe("the embedded lineage", () => {
  it("validates with exactly the warnings it means: the figure's RLHF effects read on §2's parentage", async () => {
    const result = await loadLineageFile(path);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const warnings = result.warnings.map((p) => formatProblem(p).replace(/^.*?: warning: /, ""));
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings)
      expect(w).toMatch(
        /^'[\w-]+' is (strengthened|restored) by step 'rlhf-(text-davinci-003|chatgpt)' on the reading from \[code-davinci-002\]/,
      );
  });

  it("backs every claim and every lack with the article at a section, the figure, the table or the FAQ", () => {
    const backed = (ev: EvidenceEntry[]) => ev.some((e) => e.source === ARTICLE && PLACES.test(e.at ?? ""));
    for (const [s, c] of everyClaim()) expect(backed(c.evidence), `${s.id} ${c.ability}`).toBe(true);
    for (const [id, m] of Object.entries(lineage.models))
      for (const l of m.lacks ?? []) expect(backed(l.evidence), `${id} lacks ${l.ability}`).toBe(true);
  });

  it("points every citation of the article at a real place in it, and says what each piece of evidence shows", () => {
    for (const [where, e] of allEvidence()) {
      if (e.source === ARTICLE) expect(e.at ?? "(none)", where).toMatch(PLACES);
      expect(e.note ?? "", `${where} ${e.source}`).not.toBe("");
    }
  });

  it("gives every source a public identifier or a URL", () => {
    for (const [id, src] of Object.entries(lineage.sources)) expect(src.identifier ?? src.url, id).toBeDefined();
  });

  it("names the marker under which the article cites each other work on a claim", () => {
    for (const [s, c] of everyClaim()) {
      for (const e of c.evidence.filter((x) => x.source !== ARTICLE && x.source !== "openai-model-index")) {
        expect(e.note, `${s.id} ${c.ability} ${e.source}`).toMatch(/\[\d+\] in §\d/);
      }
    }
  });

  describe("keeps the article's hedges as grades", () => {
    // Each hedge bounds the least sure of a claim's two grades (confidence, attribution).
    const HEDGES: Array<[RegExp, ConfidenceLevel, string]> = [
      [/很可能|大概|\blikely\b|\bprobably\b/i, "likely", "'likely' or 'probably'"],
      [/似乎|\bseems?\b/i, "hypothesis", "'seems'"],
      [/a hypothesis\b/, "hypothesis", "the FAQ's 'hypothesis'"],
      [/strong hypothesis/, "likely", "the FAQ's 'strong hypothesis'"],
      [/\bInferred\b/, "likely", "an inference of this file's"],
      [/假设/, "hypothesis", "the article's own '假设' (hypothesis)"],
    ];
    it.each(HEDGES)("a claim that says %s is graded %s or less sure", (pattern, level, what) => {
      const hedged = everyClaim().filter(([, c]) => pattern.test(wordsOf(c)));
      expect(hedged.length, `some claim says ${what}`).toBeGreaterThan(0);
      for (const [s, c] of hedged)
        expect(weakest(c), `${s.id} ${c.ability} says ${what}`).toBeGreaterThanOrEqual(rank(level));
    });

    it("grades alternatives and parentages the same way", () => {
      for (const s of lineage.steps) {
        for (const alt of s.alternatives ?? []) {
          const text = [alt.note ?? "", ...alt.evidence.map((e) => e.note ?? "")].join("\n");
          if (/educated guess/.test(text)) expect(alt.confidence, s.id).toBe("speculative");
        }
        if (s.confidence !== "established" || (s.alternatives ?? []).length > 0)
          expect(s.note ?? "", `${s.id} says why its parentage is unsure`).not.toBe("");
      }
    });

    it("makes no claim of what the file only guesses: an inference is at least a hypothesis, a guess stays a note", () => {
      const inferred = everyClaim().filter(([, c]) => /\bInferred\b/.test(wordsOf(c)));
      expect(inferred.length, "some claim is an inference").toBeGreaterThan(0);
      for (const [s, c] of inferred)
        expect(weakest(c), `${s.id} ${c.ability} is inferred`).toBeLessThan(rank("speculative"));
    });

    it("holds nothing from §4's collective experience (not rigorous statistics) as established", () => {
      for (const s of lineage.steps.filter((x) => x.kind === "rlhf" || x.kind === "dialogue-rlhf")) {
        for (const c of s.claims) expect(c.confidence, `${s.id} ${c.ability}`).not.toBe("established");
      }
    });

    it("grades 'unlocked, not injected' apart from the ability's appearing (the FAQ's strong hypothesis)", () => {
      for (const [s, c] of everyClaim()) {
        if (c.effect === "unlocked" && c.confidence === "established")
          expect(c.attribution, `${s.id} ${c.ability}`).toBeDefined();
      }
    });
  });

  it("cites the figure for every edge of the GPT-3 to ChatGPT tree", () => {
    for (const s of lineage.steps.filter((x) => x.to !== "webgpt")) {
      expect(
        s.evidence.some((e) => e.source === ARTICLE && e.at === "§2, evolution-tree figure"),
        s.id,
      ).toBe(true);
    }
  });

  it("keeps both readings where the figure and §2's prose disagree on a parent", () => {
    for (const id of ["rlhf-text-davinci-003", "rlhf-chatgpt"]) {
      const s = lineage.steps.find((x) => x.id === id)!;
      expect(s.from, id).toEqual(["text-davinci-002"]);
      expect(
        s.alternatives?.map((a) => a.from),
        id,
      ).toEqual([["code-davinci-002"]]);
      expect(
        s.alternatives?.[0]?.evidence.some((e) => e.source === ARTICLE && e.at === "§2"),
        id,
      ).toBe(true);
    }
  });

  it("does not credit a model with an ability it records as lacking", () => {
    const made = new Map(lineage.steps.map((s) => [s.to, s]));
    const ancestry = (m: string, seen = new Set<string>()): Set<string> => {
      seen.add(m);
      for (const p of made.get(m)?.from ?? []) if (!seen.has(p)) ancestry(p, seen);
      return seen;
    };
    for (const [id, m] of Object.entries(lineage.models)) {
      for (const lack of m.lacks ?? []) {
        const gained = [...ancestry(id)].some((a) =>
          made.get(a)?.claims.some((c) => c.ability === lack.ability && c.effect !== "weakened" && c.effect !== "lost"),
        );
        expect(gained, `${id} lacks ${lack.ability}`).toBe(false);
      }
    }
  });

  it("uses only the article's abilities: each described with the section that names it", () => {
    for (const [id, a] of Object.entries(lineage.abilities)) expect(a.description ?? "", id).toMatch(/§\d/);
    expect(Object.keys(lineage.abilities)).not.toContain("benchmark-performance");
  });
});
