/**
 * matrix: models by abilities. Each cell is the ability's accumulated state in that model, or (`changes`) what
 * the model's own step changed, relative to its parent, in the article's notation (its summary table).
 */
import type { MatrixResult } from "../contract.js";
import type { LineageGraph } from "../graph/build-graph.js";
import type { ClaimEntry } from "../schema.js";
import { foldAbility } from "../graph/fold.js";
import { resolve } from "../graph/names.js";
import { readingKey, underReading, type ReadingChoice } from "../graph/readings.js";
import { ancestryOf } from "../graph/walk.js";
import { CHANGES_LEGEND, changeSymbol, SCHEMA_VERSION, STATE_LEGEND, stateSymbol } from "../vocabulary.js";
import { sizeOf, summarize } from "./summarize.js";

/** Which models (rows) and abilities (columns) to show, by id or alias (all by default); `changes` for the own-step view. */
export interface MatrixArgs {
  models?: string[];
  abilities?: string[];
  changes?: boolean;
  /** A parentage reading to answer under (the steps' own parents by default). */
  reading?: ReadingChoice;
}

/** For one ability, the last claim each model's own step makes about it. */
export function ownClaims(graph: LineageGraph, ability: string): Map<string, ClaimEntry> {
  const own = new Map<string, ClaimEntry>();
  for (const { step, claim } of graph.claimsByAbility.get(ability) ?? []) own.set(step.to, claim);
  return own;
}

/** Answers `matrix`. Rows in lineage order unless chosen; columns in file order unless chosen. */
export function matrix(primary: LineageGraph, args: MatrixArgs = {}): MatrixResult {
  const graph = underReading(primary, args.reading);
  const models = args.models?.length ? [...new Set(args.models.map((m) => resolve(graph, "model", m)))] : [...graph.modelOrder];
  const abilities = args.abilities?.length ? [...new Set(args.abilities.map((a) => resolve(graph, "ability", a)))] : [...graph.abilityOrder];
  // Chosen rows need only their ancestries folded.
  const scope = args.models?.length ? ancestryOf(graph, models) : graph.modelOrder;
  const columns = abilities.map((ability) => {
    const fold = foldAbility(graph, ability, scope);
    return { summaries: new Map(models.map((m) => [m, summarize(graph, fold.readings.get(m)!)])), own: ownClaims(graph, ability) };
  });
  const changes = args.changes === true;
  return {
    schemaVersion: SCHEMA_VERSION,
    view: changes ? "changes" : "state",
    reading: readingKey(args.reading ?? {}),
    legend: changes ? CHANGES_LEGEND : STATE_LEGEND,
    models: models.map((id) => ({ id, name: graph.models.get(id)!.name })),
    abilities: abilities.map((id) => ({ id, name: graph.abilities.get(id)!.name })),
    rows: models.map((model) => ({
      model,
      cells: abilities.map((ability, i) => {
        const s = columns[i]!.summaries.get(model)!;
        const own = columns[i]!.own.get(model);
        const symbol = changes ? (own ? changeSymbol(own.effect, own.size) : "") : stateSymbol(s.state, sizeOf(s.primary) ?? "normal");
        return { ability, state: s.state, symbol, agreement: s.agreement, change: own?.effect ?? null, size: own ? (own.size ?? "normal") : null };
      }),
    })),
  };
}
