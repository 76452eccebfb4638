/**
 * matrix: models by abilities. Each cell is the ability's accumulated state in that model, or (`changes`) what
 * the model's own step changed, relative to its parent, in the article's notation (its summary table).
 */
import type { MatrixResult } from "../contract.js";
import { alternativesOn, type Ancestry, ancestryOf, foldAbility, idsOf, type LineageGraph, type ReadingChoice, readingKey, resolve, underReading, UnknownNameError } from "../graph/index.js";
import type { ClaimEntry } from "../schema.js";
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
export function matrix(graph: LineageGraph, args: MatrixArgs = {}): MatrixResult {
  return matrixUnder(graph, args, true);
}

/** The cells whose state changes under each alternative reading of a step on the rows' ancestries. */
function underReadings(primary: LineageGraph, graph: LineageGraph, args: MatrixArgs, scope: readonly string[], main: MatrixResult): MatrixResult["underReadings"] {
  return alternativesOn(graph, scope).flatMap((alt) => {
    if ((args.reading?.[alt.step.id] ?? 0) === alt.index) return [];
    let other: MatrixResult;
    try {
      other = matrixUnder(primary, { ...args, reading: { ...args.reading, [alt.step.id]: alt.index } }, false);
    } catch (e) {
      // A reading that cannot hold (it makes the lineage cyclic) has no answer to compare.
      if (e instanceof UnknownNameError) return [];
      throw e;
    }
    const cells = main.rows.flatMap((row, r) =>
      row.cells.flatMap((c, i) => (other.rows[r]!.cells[i]!.state === c.state ? [] : [{ model: row.model, ability: c.ability, state: other.rows[r]!.cells[i]!.state }])),
    );
    return [{ step: alt.step.id, alternative: alt.index, from: [...alt.from], cells }];
  });
}

/** The matrix under the reading asked for; `compareReadings` adds what each alternative reading would change. */
function matrixUnder(primary: LineageGraph, args: MatrixArgs, compareReadings: boolean): MatrixResult {
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
  const result: MatrixResult = {
    schemaVersion: SCHEMA_VERSION,
    view: changes ? "changes" : "state",
    reading: readingKey(args.reading ?? {}),
    legend: changes ? CHANGES_LEGEND : STATE_LEGEND,
    underReadings: [],
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
  if (compareReadings) result.underReadings = underReadings(primary, graph, args, args.models?.length ? idsOf(graph, scope as Ancestry) : graph.modelOrder, result);
  return result;
}

/** One cell: the accumulated state, and the symbol of the view (of the state, or of the own step's change). */
function cell(ability: string, s: Summary, own: ClaimEntry | undefined, changes: boolean): MatrixResult["rows"][number]["cells"][number] {
  const symbol = changes ? (own ? changeSymbol(own.effect, own.size) : "") : stateSymbol(s.state, sizeOf(s.primary) ?? "normal");
  return { ability, state: s.state, symbol, agreement: s.agreement, change: own?.effect ?? null, size: own ? (own.size ?? "normal") : null };
}
