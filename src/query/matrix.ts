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
import { sizeOf, summarize, type Summary } from "./summarize.js";

/** Which models (rows) and abilities (columns) to show, by id or alias (all by default); `changes` for the own-step view. */
export interface MatrixArgs {
  models?: string[];
  abilities?: string[];
  changes?: boolean;
  /** A parentage reading to answer under (the steps' own parents by default). */
  reading?: ReadingChoice;
}

/** The last claim a model's own step makes about each ability (only the rows' steps are read: a lazy graph parses no other). */
function ownClaims(graph: LineageGraph, model: string): Map<string, ClaimEntry> {
  return new Map((graph.madeBy.get(model)?.claims ?? []).map((claim) => [claim.ability, claim]));
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
    return new Map(models.map((m) => [m, summarize(graph, fold.readings.get(m)!)]));
  });
  const changes = args.changes === true;
  return {
    schemaVersion: SCHEMA_VERSION,
    view: changes ? "changes" : "state",
    reading: readingKey(args.reading ?? {}),
    legend: changes ? CHANGES_LEGEND : STATE_LEGEND,
    models: models.map((id) => ({ id, name: graph.models.get(id)!.name })),
    abilities: abilities.map((id) => ({ id, name: graph.abilities.get(id)!.name })),
    rows: models.map((model) => {
      const own = ownClaims(graph, model);
      return {
        model,
        cells: abilities.map((ability, i) => cell(ability, columns[i]!.get(model)!, own.get(ability), changes)),
      };
    }),
  };
}

/** One cell: the accumulated state, and the symbol of the view (of the state, or of the own step's change). */
function cell(ability: string, s: Summary, own: ClaimEntry | undefined, changes: boolean): MatrixResult["rows"][number]["cells"][number] {
  const symbol = changes ? (own ? changeSymbol(own.effect, own.size) : "") : stateSymbol(s.state, sizeOf(s.primary) ?? "normal");
  return { ability, state: s.state, symbol, agreement: s.agreement, change: own?.effect ?? null, size: own ? (own.size ?? "normal") : null };
}
