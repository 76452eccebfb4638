/** Merges importer fragments into one lineage: one model per repo id (matched ignoring case), external roots for bases no input describes. */
import { FORMAT_VERSION } from "../vocabulary.js";
import type { LineageFile, ModelEntry, SourceEntry, StepEntry } from "../schema.js";
import type { Fragment, ImportProblem, ImportedStep } from "./fragment.js";
import { isExternalEntry, modelEntry } from "./facts.js";
import { hubKey, toLineageId } from "./hub-id.js";

/** A merged import: the lineage (valid format 1) and every problem met on the way. */
export interface ImportResult {
  lineage: LineageFile;
  problems: ImportProblem[];
  /** Models described by an input, external roots added, steps kept. */
  counts: { described: number; external: number; steps: number };
  /** The input line of each model and step, where the input has lines (a hub dump). */
  lines: ImportLines;
  /** The described models no step makes. */
  roots: ImportRoots;
}

/** Options for the merged lineage. */
export interface MergeOptions {
  title?: string;
}

/** The step id of the step that makes a model. */
export function importedStepId(lineageId: string): string {
  return `hf:${lineageId}`;
}

/** Where the entries of a merged import came from: the line of the input row (0: none), by position. */
export interface ImportLines {
  /** The models' ids, in the order of `lineage.models` as they were added (the record's own order puts integer-like ids first). */
  modelIds: string[];
  /** By model, in the order of `lineage.models`: the row that describes it, or for an external root the row that first names it. */
  models: Int32Array;
  /** By step, in the order of `lineage.steps`: the row that declares it. */
  steps: Int32Array;
}

/** The described models that no kept step makes (roots by their input's word): how many, and the first few ids. */
export interface ImportRoots {
  count: number;
  first: string[];
}

/** How many root ids `ImportRoots.first` keeps. */
const FIRST_ROOTS = 3;

/** Accumulates fragments one at a time, so a stream of a million rows never holds its fragments. */
export class FragmentMerger {
  private readonly models = new Map<string, { hubId: string; entry: ModelEntry; line?: number }>();
  private readonly steps = new Map<string, ImportedStep>();
  private readonly sources: Record<string, SourceEntry> = {};
  readonly problems: ImportProblem[] = [];

  /** Adds one fragment: the first description of a model wins, a second step for it with other parents is a conflict, reported. */
  add(fragment: Fragment): void {
    for (const p of fragment.problems) this.problems.push(p);
    for (const id in fragment.sources) if (!(id in this.sources)) this.sources[id] = fragment.sources[id]!;
    for (const m of fragment.models) {
      const key = hubKey(m.hubId);
      const had = this.models.get(key);
      if (!had || isExternalEntry(had.entry)) this.models.set(key, m);
      else if (m.entry.evidence) {
        const known = new Set((had.entry.evidence ?? []).map((e) => `${e.source}\0${e.at ?? ""}\0${e.note ?? ""}`));
        const more = m.entry.evidence.filter((e) => !known.has(`${e.source}\0${e.at ?? ""}\0${e.note ?? ""}`));
        if (more.length > 0) had.entry.evidence = [...(had.entry.evidence ?? []), ...more];
      }
    }
    for (const s of fragment.steps) {
      const key = hubKey(s.to);
      const had = this.steps.get(key);
      if (!had) {
        this.steps.set(key, s);
        continue;
      }
      const same =
        had.from.length === s.from.length && had.from.every((f) => s.from.some((g) => hubKey(g) === hubKey(f)));
      if (same) {
        const known = new Set(had.step.evidence.map((e) => e.source));
        had.step.evidence = [...had.step.evidence, ...s.step.evidence.filter((e) => !known.has(e.source))];
      } else {
        this.problems.push({
          file: s.file,
          severity: "warning",
          message: `${s.to}: this input names ${s.from.join(", ") || "no base"} as its base, ${had.file} names ${had.from.join(", ")}; kept the first`,
          ...(s.line === undefined ? {} : { line: s.line }),
        });
      }
    }
  }

  /**
   * The merged lineage (its records null-prototype objects, as a validated lineage's are). Bases nobody
   * describes become external roots; a step that would close a cycle is dropped with a problem.
   */
  finish(options: MergeOptions = {}): ImportResult {
    const models = Object.create(null) as Record<string, ModelEntry>;
    const modelLines: number[] = [];
    const modelIds: string[] = [];
    for (const m of this.models.values()) {
      const id = toLineageId(m.hubId);
      models[id] = m.entry;
      modelIds.push(id);
      modelLines.push(m.line ?? 0);
    }
    // Bases no input describes, by key: each becomes an external root, named as first seen.
    const externals = new Map<string, string>();
    let line = 0;
    const idOf = (hubId: string): string => {
      const key = hubKey(hubId);
      const m = this.models.get(key);
      if (m) return toLineageId(m.hubId);
      let id = externals.get(key);
      if (id === undefined) {
        id = toLineageId(hubId);
        externals.set(key, id);
        models[id] = modelEntry(hubId, id, { external: true });
        modelIds.push(id);
        modelLines.push(line);
      }
      return id;
    };
    const { kept, dropped } = this.dropCycles();
    const steps: StepEntry[] = [];
    const stepLines = new Int32Array(kept.length);
    for (const s of kept) {
      line = s.line ?? 0;
      stepLines[steps.length] = line;
      const to = idOf(s.to);
      const from = s.from.map(idOf);
      steps.push({ id: importedStepId(to), ...s.step, from, to });
    }
    const roots: ImportRoots = { count: 0, first: [] };
    for (const [key, m] of this.models) {
      if (isExternalEntry(m.entry) || (this.steps.has(key) && !dropped.has(key))) continue;
      if (roots.count++ < FIRST_ROOTS) roots.first.push(toLineageId(m.hubId));
    }
    // Abilities named by imported claims (hub dumps may carry them) get an entry named by their id.
    const abilities = Object.create(null) as LineageFile["abilities"];
    for (const s of steps) for (const c of s.claims) abilities[c.ability] ??= { name: c.ability };
    const sources = Object.assign(Object.create(null) as LineageFile["sources"], this.sources);
    const lineage: LineageFile = {
      lineage: FORMAT_VERSION,
      title: options.title ?? "Imported from the Hugging Face Hub",
      sources,
      abilities,
      models,
      steps,
    };
    return {
      lineage,
      problems: this.problems,
      counts: { described: this.models.size, external: externals.size, steps: steps.length },
      lines: { modelIds, models: Int32Array.from(modelLines), steps: stepLines },
      roots,
    };
  }

  /** The steps in input order, without those that make a cycle (iterative, so a 40-deep or million-long chain is fine), and the keys of those left out. */
  private dropCycles(): { kept: ImportedStep[]; dropped: Set<string> } {
    const state = new Map<string, 1 | 2>(); // 1 on the current path, 2 done
    const dropped = new Set<string>();
    const stack: { key: string; next: number }[] = [];
    for (const start of this.steps.keys()) {
      if (state.has(start)) continue;
      stack.push({ key: start, next: 0 });
      state.set(start, 1);
      while (stack.length > 0) {
        const top = stack[stack.length - 1]!;
        const step = dropped.has(top.key) ? undefined : this.steps.get(top.key);
        const parents = step?.from ?? [];
        if (top.next >= parents.length) {
          state.set(top.key, 2);
          stack.pop();
          continue;
        }
        const parent = hubKey(parents[top.next++]!);
        const s = state.get(parent);
        if (s === 1) {
          dropped.add(top.key);
          this.problems.push({
            file: step!.file,
            severity: "error",
            message: `${step!.to}: naming ${parents.join(", ")} as its base makes a cycle; this step is left out`,
            ...(step!.line === undefined ? {} : { line: step!.line }),
          });
          top.next = parents.length;
        } else if (s === undefined) {
          state.set(parent, 1);
          stack.push({ key: parent, next: 0 });
        }
      }
    }
    const kept: ImportedStep[] = [];
    for (const [key, s] of this.steps) if (!dropped.has(key)) kept.push(s);
    return { kept, dropped };
  }
}

/** Merges fragments into one lineage. */
export function mergeFragments(fragments: Iterable<Fragment>, options: MergeOptions = {}): ImportResult {
  const merger = new FragmentMerger();
  for (const f of fragments) merger.add(f);
  return merger.finish(options);
}
