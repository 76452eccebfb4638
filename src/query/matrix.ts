/** matrix: models by abilities, each cell the ability's state in that model (the article's summary table). */
import { SCHEMA_VERSION, stateSymbol } from "../vocabulary.js";
import type { MatrixResult } from "../contract.js";
import type { LineageGraph } from "../graph/build-graph.js";
import { ancestryOf } from "../graph/walk.js";
import { foldAbility } from "../graph/fold.js";
import { resolve } from "../graph/names.js";
import { summarize } from "./summarize.js";

/** Which models (rows) and abilities (columns) to show, by id or alias; all by default. */
export interface MatrixArgs {
  models?: string[];
  abilities?: string[];
}

/** Answers `matrix`. Rows in lineage order unless chosen; columns in file order unless chosen. */
export function matrix(graph: LineageGraph, args: MatrixArgs = {}): MatrixResult {
  const models = args.models?.length ? [...new Set(args.models.map((m) => resolve(graph, "model", m)))] : [...graph.modelOrder];
  const abilities = args.abilities?.length ? [...new Set(args.abilities.map((a) => resolve(graph, "ability", a)))] : [...graph.abilityOrder];
  // Chosen rows need only their ancestries folded.
  const scope = args.models?.length ? ancestryOf(graph, models) : graph.modelOrder;
  const columns = abilities.map((ability) => {
    const fold = foldAbility(graph, ability, scope);
    return new Map(models.map((m) => [m, summarize(graph, fold.readings.get(m)!)]));
  });
  return {
    schemaVersion: SCHEMA_VERSION,
    models: models.map((id) => ({ id, name: graph.models.get(id)!.name })),
    abilities: abilities.map((id) => ({ id, name: graph.abilities.get(id)!.name })),
    rows: models.map((model) => ({
      model,
      cells: abilities.map((ability, i) => {
        const s = columns[i]!.get(model)!;
        return { ability, state: s.state, symbol: stateSymbol(s.state), agreement: s.agreement };
      }),
    })),
  };
}
