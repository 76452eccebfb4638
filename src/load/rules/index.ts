/** The list of cross-reference rules run after the schema, in order. */
import type { Issue } from "../../problem.js";
import { checkCardFacts } from "./card-facts.js";
import { checkClaimsUnderReadings, checkNeverIntroduced, checkRepeatedClaims, checkSizeOnLost } from "./claims.js";
import type { RuleContext } from "./context.js";
import { checkAlternativeCycles, checkCycles } from "./cycles.js";
import { checkReferences } from "./references.js";
import { checkStepKinds } from "./step-kinds.js";
import { checkOneStepPerModel, checkOrphans, checkParents } from "./structure.js";
import { checkUniqueIds } from "./unique-ids.js";

/** A rule: reads the context, returns its issues. */
export type Rule = (ctx: RuleContext) => Issue[];

/** Every rule, each independent of the others' results. */
export const RULES: readonly Rule[] = [
  checkReferences,
  checkUniqueIds,
  checkOneStepPerModel,
  checkParents,
  checkCycles,
  checkAlternativeCycles,
  checkNeverIntroduced,
  checkClaimsUnderReadings,
  checkSizeOnLost,
  checkRepeatedClaims,
  checkStepKinds,
  checkOrphans,
  checkCardFacts,
];

/**
 * RULES in two parts, for a load that runs the first beside the schema check (load-parallel.ts): a rule
 * that needs no lineage order and only reports errors (the references, the costliest), then the rest,
 * which the other thread runs; together, RULES in order. The split balances the two threads' work.
 */
export const RULES_BESIDE_SCHEMA: readonly Rule[] = RULES.slice(0, 1);
/** The rest of RULES, after RULES_BESIDE_SCHEMA. */
export const RULES_AFTER: readonly Rule[] = RULES.slice(RULES_BESIDE_SCHEMA.length);
