/** Results built by hand for renderer tests: the smallest objects of each contract type, with overrides. */
import type { DiffResult, EntryResult, EvidenceResult, ParentageResult } from "../../src/contract.js";

/** One piece of evidence. */
export function evidence(source: string, note: string | null = null, at: string | null = "§1"): EvidenceResult {
  return { source, title: null, at, note };
}

/** One claim applied by one step. */
export function entry(over: Partial<EntryResult> = {}): EntryResult {
  return { step: "s1", kind: "fine-tuning", label: null, from: ["a"], to: "b", effect: "introduced", confidence: "established", evidence: [evidence("src")], note: null, ...over };
}

/** One step as parentage. */
export function parentage(over: Partial<ParentageResult> = {}): ParentageResult {
  return { step: "s1", kind: "fine-tuning", label: null, method: null, from: ["a"], to: "b", confidence: "established", evidence: [], alternatives: [], note: null, ...over };
}

/** A diff whose every change is explained by two steps, one on each side (two lines in its cell). */
export function diffOf(changes: number): DiffResult {
  return {
    schemaVersion: 1,
    from: "left",
    to: "right",
    relation: "related",
    commonAncestors: ["root"],
    changes: Array.from({ length: changes }, (_, i) => ({
      ability: `ability-${i}`,
      name: `Ability ${i}`,
      before: "introduced",
      after: "lost",
      beforePresent: true,
      afterPresent: false,
      stateChanged: true,
      steps: [
        { ...entry({ step: `l${i}`, from: ["root"], to: "left" }), side: "from" as const },
        { ...entry({ step: `r${i}`, from: ["root"], to: "right", effect: "lost" }), side: "to" as const },
      ],
      confidence: "likely",
    })),
  };
}
