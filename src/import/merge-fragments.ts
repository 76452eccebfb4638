/** Merges importer fragments into one lineage: one model per repo id (matched ignoring case), external roots for bases no input describes. */
import { FORMAT_VERSION } from "../vocabulary.js";
import type { LineageFile, ModelEntry, SourceEntry, StepEntry } from "../schema.js";
import type { Fragment, ImportProblem, ImportedModel, ImportedStep } from "./fragment.js";
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

/** A step kept by the merger, with its key and, in `finish`, its walk state and parents' keys. */
interface StepRecord {
  key: string;
  step: ImportedStep;
  /** 0 not yet walked, 1 on the current path, 2 done (dropCycles). */
  state: 0 | 1 | 2;
  dropped: boolean;
  /** The hubKey of each parent, once asked. */
  parents?: string[];
}

/** Accumulates fragments one at a time, so a stream of a million rows never holds its fragments. */
export class FragmentMerger {
  private readonly models = new Map<string, ImportedModel>();
  private readonly steps = new Map<string, StepRecord>();
  private readonly sources: Record<string, SourceEntry> = {};
  readonly problems: ImportProblem[] = [];

  /** Adds one fragment: the first description of a model wins, a second step for it with other parents is a conflict, reported. */
  add(fragment: Fragment): void {
    for (const p of fragment.problems) this.problems.push(p);
    for (const id in fragment.sources) if (!(id in this.sources)) this.sources[id] = fragment.sources[id]!;
    for (const m of fragment.models) this.addModel(m);
    for (const s of fragment.steps) this.addStep(s);
  }

  /** Adds one model of a fragment (what `add` does with each); `key` is its hubKey, when the caller has it. */
  addModel(m: ImportedModel, key: string = hubKey(m.hubId)): void {
    const had = this.models.get(key);
    if (!had || isExternalEntry(had.entry)) this.models.set(key, m);
    else if (m.entry.evidence) {
      const known = new Set((had.entry.evidence ?? []).map((e) => `${e.source}\0${e.at ?? ""}\0${e.note ?? ""}`));
      const more = m.entry.evidence.filter((e) => !known.has(`${e.source}\0${e.at ?? ""}\0${e.note ?? ""}`));
      if (more.length > 0) had.entry.evidence = [...(had.entry.evidence ?? []), ...more];
    }
  }

  /** Adds one step of a fragment (what `add` does with each, after its models); `key` is the hubKey of `s.to`. */
  addStep(s: ImportedStep, key: string = hubKey(s.to)): void {
    const record = this.steps.get(key);
    if (!record) {
      this.steps.set(key, { key, step: s, state: 0, dropped: false });
      return;
    }
    const had = record.step;
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

  /**
   * The merged lineage (its records null-prototype objects, as a validated lineage's are). Bases nobody
   * describes become external roots; a step that would close a cycle is dropped with a problem.
   */
  finish(options: MergeOptions = {}): ImportResult {
    const models = Object.create(null) as Record<string, ModelEntry>;
    const count = this.models.size;
    const modelLines = new Int32Array(count);
    const modelIds: string[] = [];
    for (const m of this.models.values()) {
      const id = toLineageId(m.hubId);
      models[id] = m.entry;
      modelLines[modelIds.length] = m.line ?? 0;
      modelIds.push(id);
    }
    // Bases no input describes, by key: each becomes an external root, named as first seen.
    const externals = new Map<string, string>();
    const externalLines: number[] = [];
    let line = 0;
    const idOf = (hubId: string, key: string): string => {
      const m = this.models.get(key);
      if (m) return toLineageId(m.hubId);
      let id = externals.get(key);
      if (id === undefined) {
        id = toLineageId(hubId);
        externals.set(key, id);
        models[id] = modelEntry(hubId, id, { external: true });
        modelIds.push(id);
        externalLines.push(line);
      }
      return id;
    };
    const { kept, parentKeys } = this.dropCycles();
    const steps: StepEntry[] = [];
    const stepLines = new Int32Array(kept.length);
    for (let i = 0; i < kept.length; i++) {
      const record = kept[i]!;
      const s = record.step;
      line = s.line ?? 0;
      stepLines[i] = line;
      const to = idOf(s.to, record.key);
      const keys = parentKeys[i]!;
      const from = s.from.map((f, k) => idOf(f, keys[k]!));
      steps.push({ id: importedStepId(to), ...s.step, from, to });
    }
    const roots: ImportRoots = { count: 0, first: [] };
    for (const [key, m] of this.models) {
      if (isExternalEntry(m.entry)) continue;
      const made = this.steps.get(key);
      if (made !== undefined && !made.dropped) continue;
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
    const lines = new Int32Array(count + externalLines.length);
    lines.set(modelLines);
    lines.set(externalLines, count);
    return {
      lineage,
      problems: this.problems,
      counts: { described: this.models.size, external: externals.size, steps: steps.length },
      lines: { modelIds, models: lines, steps: stepLines },
      roots,
    };
  }

  /**
   * The steps in input order, without those that make a cycle (a walk of the parents, iterative, so a 40-deep or
   * million-long chain is fine; each left out is marked `dropped`), and the keys of each kept step's parents.
   */
  private dropCycles(): { kept: StepRecord[]; parentKeys: string[][] } {
    const parentsOf = (record: StepRecord): string[] => (record.parents ??= record.step.from.map(hubKey));
    // The path: the records on it and, for each, the next parent to look at.
    const path: StepRecord[] = [];
    const next: number[] = [];
    for (const start of this.steps.values()) {
      if (start.state !== 0) continue;
      path.push(start);
      next.push(0);
      start.state = 1;
      while (path.length > 0) {
        const top = path.length - 1;
        const record = path[top]!;
        const parents = record.dropped ? [] : parentsOf(record);
        const at = next[top]!;
        if (at >= parents.length) {
          record.state = 2;
          path.pop();
          next.pop();
          continue;
        }
        next[top] = at + 1;
        // A parent no step makes is a root: nothing to walk.
        const parent = this.steps.get(parents[at]!);
        if (parent === undefined) continue;
        if (parent.state === 1) {
          const step = record.step;
          record.dropped = true;
          this.problems.push({
            file: step.file,
            severity: "error",
            message: `${step.to}: naming ${step.from.join(", ")} as its base makes a cycle; this step is left out`,
            ...(step.line === undefined ? {} : { line: step.line }),
          });
          next[top] = parents.length;
        } else if (parent.state === 0) {
          parent.state = 1;
          path.push(parent);
          next.push(0);
        }
      }
    }
    const kept: StepRecord[] = [];
    const parentKeys: string[][] = [];
    for (const record of this.steps.values()) {
      if (record.dropped) continue;
      kept.push(record);
      parentKeys.push(parentsOf(record));
    }
    return { kept, parentKeys };
  }
}

/** Merges fragments into one lineage. */
export function mergeFragments(fragments: Iterable<Fragment>, options: MergeOptions = {}): ImportResult {
  const merger = new FragmentMerger();
  for (const f of fragments) merger.add(f);
  return merger.finish(options);
}
