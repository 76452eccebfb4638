/**
 * matrix: models by abilities. Each cell is the ability's accumulated state in that model, or (`changes`) what
 * the model's own step changed, relative to its parent, in the article's notation (its summary table).
 */
import type { MatrixCell, MatrixHead, MatrixResult, MatrixRow, MatrixStream } from "../contract.js";
import {
  alternativesOn,
  type Ancestry,
  ancestryOf,
  foldAbility,
  idsOf,
  type LineageGraph,
  type ReadingChoice,
  readingKey,
  resolve,
  stateOf,
  underReading,
  UnknownNameError,
  wholeLineage,
} from "../graph/index.js";
import type { ClaimEntry } from "../schema.js";
import {
  CHANGES_LEGEND,
  changeSymbol,
  EFFECTS,
  isPresent,
  SCHEMA_VERSION,
  STATE_LEGEND,
  stateSymbol,
  type AbilityState,
  type Size,
} from "../vocabulary.js";
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
function underReadings(
  primary: LineageGraph,
  graph: LineageGraph,
  args: MatrixArgs,
  scope: readonly string[],
  main: MatrixResult,
): MatrixResult["underReadings"] {
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
      row.cells.flatMap((c, i) =>
        other.rows[r]!.cells[i]!.state === c.state
          ? []
          : [{ model: row.model, ability: c.ability, state: other.rows[r]!.cells[i]!.state }],
      ),
    );
    return [{ step: alt.step.id, alternative: alt.index, from: [...alt.from], cells }];
  });
}

/** The matrix under the reading asked for; `compareReadings` adds what each alternative reading would change. */
function matrixUnder(primary: LineageGraph, args: MatrixArgs, compareReadings: boolean): MatrixResult {
  // Chosen rows need only their ancestries folded (frameOf's scope).
  const { graph, models, abilities, scope } = frameOf(primary, args);
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
  if (compareReadings)
    result.underReadings = underReadings(
      primary,
      graph,
      args,
      args.models?.length ? idsOf(graph, scope as Ancestry) : graph.modelOrder,
      result,
    );
  return result;
}

/** One cell: the accumulated state, and the symbol of the view (of the state, or of the own step's change). */
function cell(ability: string, s: Summary, own: ClaimEntry | undefined, changes: boolean): MatrixCell {
  return cellOf(ability, s.state, sizeOf(s.primary) ?? "normal", s.agreement, own, changes);
}

/** One cell from what the fold says of it (state, the size that left it so, agreement) and the own step's claim. */
function cellOf(
  ability: string,
  state: AbilityState,
  size: Size,
  agreement: boolean,
  own: ClaimEntry | undefined,
  changes: boolean,
): MatrixCell {
  const symbol = changes ? (own ? changeSymbol(own.effect, own.size) : "") : stateSymbol(state, size);
  return { ability, state, symbol, agreement, change: own?.effect ?? null, size: own ? (own.size ?? "normal") : null };
}

// A fold's answer for one cell in a byte: the state (0 absent, then EFFECTS), the size that left it so, agreement.
const STATES: readonly AbilityState[] = ["absent", ...EFFECTS];
const stateCode = new Map(STATES.map((s, i) => [s, i]));
const encode = (state: AbilityState, great: boolean, agreement: boolean) =>
  (stateCode.get(state)! << 2) | (great ? 2 : 0) | (agreement ? 1 : 0);
const stateOfCode = (code: number) => STATES[code >> 2]!;

/** Which rows and columns a matrix has under one reading, and the models whose folds they need. */
interface Frame {
  graph: LineageGraph;
  models: string[];
  abilities: string[];
  scope: readonly string[] | Ancestry;
}

/** The rows, columns and fold scope of `args` under its reading. */
function frameOf(primary: LineageGraph, args: MatrixArgs): Frame {
  const graph = underReading(primary, args.reading);
  const models = args.models?.length
    ? [...new Set(args.models.map((m) => resolve(graph, "model", m)))]
    : [...graph.modelOrder];
  const abilities = args.abilities?.length
    ? [...new Set(args.abilities.map((a) => resolve(graph, "ability", a)))]
    : [...graph.abilityOrder];
  // Every model as one ancestry: each fold then reads the lineage as it is instead of looking 100,000 ids up again.
  return {
    graph,
    models,
    abilities,
    scope: args.models?.length ? ancestryOf(graph, models) : wholeLineage(graph),
  };
}

/**
 * One column in a byte a cell: the ability folded over the frame's scope, each row's readings summarized and
 * the fold let go. Where every reading leaves the same state and size (one reading, or parents that agree)
 * no summary is needed: whichever is primary, the cell is the same.
 */
function column(frame: Frame, ability: string): Uint8Array {
  const { graph, models } = frame;
  const fold = foldAbility(graph, ability, frame.scope);
  const codes = new Uint8Array(models.length);
  for (let i = 0; i < models.length; i++) {
    const readings = fold.readings.get(models[i]!)!;
    const only = readings[0]!;
    const state = stateOf(only.history);
    const size = sizeOf(only);
    let alike = true;
    for (let k = 1; k < readings.length && alike; k++)
      alike = stateOf(readings[k]!.history) === state && sizeOf(readings[k]!) === size;
    if (alike) {
      codes[i] = encode(state, size === "great", true);
      continue;
    }
    // One present reading is the primary whatever the others are (summarize puts the present first, and the
    // origin it may prefer instead is that reading's own): its state, and agreement if all say the same.
    let present = -1;
    let several = false;
    for (let k = 0; k < readings.length && !several; k++) {
      if (!isPresent(stateOf(readings[k]!.history))) continue;
      several = present >= 0;
      present = k;
    }
    if (present >= 0 && !several) {
      const primary = readings[present]!;
      const theirs = stateOf(primary.history);
      codes[i] = encode(
        theirs,
        sizeOf(primary) === "great",
        readings.every((r) => stateOf(r.history) === theirs),
      );
    } else {
      const s = summarize(graph, readings);
      codes[i] = encode(s.state, sizeOf(s.primary) === "great", s.agreement);
    }
  }
  return codes;
}

/**
 * `matrix` a row at a time, for lineages too large to hold every cell: the same answer as `matrix` (its JSON
 * written row by row is the same bytes). Nothing is folded until the rows, `underReadings` or `columnCells`
 * are first asked for; then each ability is folded once, its column kept as a byte a cell (200 abilities of
 * 100,000 models: 20 MB) and the fold dropped, and rows are made, cells and all, only as they are pulled.
 */
export function matrixRows(graph: LineageGraph, args: MatrixArgs = {}): MatrixStream {
  const frame = frameOf(graph, args);
  const { models, abilities } = frame;
  const changes = args.changes === true;
  const head: Omit<MatrixHead, "underReadings"> = {
    schemaVersion: SCHEMA_VERSION,
    view: changes ? "changes" : "state",
    reading: readingKey(args.reading ?? {}),
    legend: changes ? CHANGES_LEGEND : STATE_LEGEND,
    models: models.map((id) => ({ id, name: frame.graph.models.get(id)!.name })),
    abilities: abilities.map((id) => ({ id, name: frame.graph.abilities.get(id)!.name })),
  };
  let codes: Uint8Array[] | undefined;
  const columns = () => (codes ??= abilities.map((a) => column(frame, a)));
  let readings: MatrixHead["underReadings"] | undefined;
  let kinds: Pick<MatrixCell, "symbol" | "agreement">[][] | undefined;
  return {
    head,
    underReadings: () => (readings ??= streamedReadings(graph, frame, args, columns())),
    columnCells: () => (kinds ??= changes ? changeKinds(frame) : stateKinds(columns())),
    *rows(from = 0, to = abilities.length) {
      const cs = columns();
      for (let i = 0; i < models.length; i++) {
        const model = models[i]!;
        const own = ownClaims(frame.graph, model);
        const cells: MatrixCell[] = [];
        for (let j = from; j < to; j++) {
          const code = cs[j]![i]!;
          cells.push(
            cellOf(
              abilities[j]!,
              stateOfCode(code),
              code & 2 ? "great" : "normal",
              (code & 1) === 1,
              own.get(abilities[j]!),
              changes,
            ),
          );
        }
        const row: MatrixRow = { model, cells };
        yield row;
      }
    },
  };
}

/** The distinct state-view cells of each column, from its codes. */
function stateKinds(columns: readonly Uint8Array[]): Pick<MatrixCell, "symbol" | "agreement">[][] {
  return columns.map((codes) => {
    const seen = new Set<number>(codes);
    return [...seen].map((code) => ({
      symbol: stateSymbol(stateOfCode(code), code & 2 ? "great" : "normal"),
      agreement: (code & 1) === 1,
    }));
  });
}

/** The distinct changes-view symbols of each column: what the rows' own steps said (agreement is not shown there). */
function changeKinds(frame: Frame): Pick<MatrixCell, "symbol" | "agreement">[][] {
  const at = new Map(frame.abilities.map((a, j) => [a, j]));
  const seen = frame.abilities.map(() => new Set<string>([""]));
  for (const model of frame.models) {
    for (const [ability, own] of ownClaims(frame.graph, model)) {
      const j = at.get(ability);
      if (j !== undefined) seen[j]!.add(changeSymbol(own.effect, own.size));
    }
  }
  return seen.map((symbols) => [...symbols].map((symbol) => ({ symbol, agreement: true })));
}

/** `underReadings` as `matrix` gives it, a column at a time: the cells whose state each alternative reading changes, row by row. */
function streamedReadings(
  primary: LineageGraph,
  main: Frame,
  args: MatrixArgs,
  columns: readonly Uint8Array[],
): MatrixHead["underReadings"] {
  const scope = args.models?.length ? idsOf(main.graph, main.scope as Ancestry) : main.graph.modelOrder;
  return alternativesOn(main.graph, scope).flatMap((alt) => {
    if ((args.reading?.[alt.step.id] ?? 0) === alt.index) return [];
    const found: { r: number; j: number; state: AbilityState }[] = [];
    try {
      const other = frameOf(primary, { ...args, reading: { ...args.reading, [alt.step.id]: alt.index } });
      other.abilities.forEach((ability, j) => {
        const theirs = column(other, ability);
        const ours = columns[j]!;
        for (let r = 0; r < ours.length; r++) {
          if (stateOfCode(theirs[r]!) !== stateOfCode(ours[r]!)) found.push({ r, j, state: stateOfCode(theirs[r]!) });
        }
      });
    } catch (e) {
      // A reading that cannot hold (it makes the lineage cyclic) has no answer to compare.
      if (e instanceof UnknownNameError) return [];
      throw e;
    }
    found.sort((a, b) => a.r - b.r || a.j - b.j);
    const cells = found.map(({ r, j, state }) => ({ model: main.models[r]!, ability: main.abilities[j]!, state }));
    return [{ step: alt.step.id, alternative: alt.index, from: [...alt.from], cells }];
  });
}
