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
}

/** Options for the merged lineage. */
export interface MergeOptions {
  title?: string;
}

/** The step id of the step that makes a model. */
export function importedStepId(lineageId: string): string {
  return `hf:${lineageId}`;
}

/** Accumulates fragments one at a time, so a stream of a million rows never holds its fragments. */
export class FragmentMerger {
  private readonly models = new Map<string, { hubId: string; entry: ModelEntry }>();
  private readonly steps = new Map<string, ImportedStep>();
  private readonly sources: Record<string, SourceEntry> = {};
  readonly problems: ImportProblem[] = [];

  /** Adds one fragment: the first description of a model wins, a second step for it with other parents is a conflict, reported. */
  add(fragment: Fragment): void {
    for (const p of fragment.problems) this.problems.push(p);
    for (const [id, source] of Object.entries(fragment.sources)) if (!(id in this.sources)) this.sources[id] = source;
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
        });
      }
    }
  }

  /** The merged lineage. Bases nobody describes become external roots; a step that would close a cycle is dropped with a problem. */
  finish(options: MergeOptions = {}): ImportResult {
    let external = 0;
    const idOf = new Map<string, string>();
    const models: Record<string, ModelEntry> = {};
    const ensure = (hubId: string): string => {
      const key = hubKey(hubId);
      let id = idOf.get(key);
      if (id !== undefined) return id;
      const m = this.models.get(key);
      id = toLineageId(m?.hubId ?? hubId);
      idOf.set(key, id);
      if (m) models[id] = m.entry;
      else {
        models[id] = modelEntry(hubId, id, { external: true });
        external++;
      }
      return id;
    };
    for (const m of this.models.values()) ensure(m.hubId);
    const kept = this.dropCycles();
    const steps: StepEntry[] = [];
    for (const s of kept) {
      const to = ensure(s.to);
      steps.push({ id: importedStepId(to), ...s.step, from: s.from.map(ensure), to });
    }
    // Abilities named by imported claims (hub dumps may carry them) get an entry named by their id.
    const abilities: LineageFile["abilities"] = {};
    for (const s of steps) for (const c of s.claims) abilities[c.ability] ??= { name: c.ability };
    const lineage: LineageFile = {
      lineage: FORMAT_VERSION,
      title: options.title ?? "Imported from the Hugging Face Hub",
      sources: this.sources,
      abilities,
      models,
      steps,
    };
    return { lineage, problems: this.problems, counts: { described: this.models.size, external, steps: steps.length } };
  }

  /** The steps in input order, without those that make a cycle (iterative, so a 40-deep or million-long chain is fine). */
  private dropCycles(): ImportedStep[] {
    const state = new Map<string, 1 | 2>(); // 1 on the current path, 2 done
    const dropped = new Set<string>();
    for (const start of this.steps.keys()) {
      if (state.has(start)) continue;
      const stack: { key: string; next: number }[] = [{ key: start, next: 0 }];
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
          });
          top.next = parents.length;
        } else if (s === undefined) {
          state.set(parent, 1);
          stack.push({ key: parent, next: 0 });
        }
      }
    }
    return [...this.steps.entries()].filter(([k]) => !dropped.has(k)).map(([, s]) => s);
  }
}

/** Merges fragments into one lineage. */
export function mergeFragments(fragments: Iterable<Fragment>, options: MergeOptions = {}): ImportResult {
  const merger = new FragmentMerger();
  for (const f of fragments) merger.add(f);
  return merger.finish(options);
}
