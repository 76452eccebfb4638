/**
 * The graph interface: everything a query may ask of a lineage, in the domain's words. The model and the
 * step that made it, parents and children (`LineageGraph`'s maps), the claims about an ability folded along
 * the lineage, ancestor walks and nearest common ancestors, lineage order, names, parentage readings. The
 * index arrays, the per-graph cache and the scratch space behind these stay inside src/graph; the
 * dependency rules let src/query import this module only.
 */
export type { LineageGraph, StepClaim, NameTarget } from "./build-graph.js";
export {
  foldAbility,
  entries,
  originIndex,
  pathOf,
  stateOf,
  MAX_READINGS,
  type Fold,
  type History,
  type Reading,
} from "./fold.js";
export { ancestors, ancestorRanks, ancestryOf, byRank, idsOf, nearestOf, wholeLineage, type Ancestry } from "./walk.js";
export { descendantLevels, type DescendantLevels } from "./walk.js";
export { childModels, knownName, madeHow, relationOf, type MadeHow } from "./step-facts.js";
export { resolve, resolveAny, stepById, UnknownNameError, type NameKind, type Named } from "./names.js";
export { holders, statesInOrder } from "./presence.js";
export { keptTexts } from "./cache.js";
export {
  alternativesOn,
  parseReading,
  readingKey,
  underReading,
  type Alternative,
  type ReadingChoice,
} from "./readings.js";
