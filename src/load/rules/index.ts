/** The list of cross-reference rules run after the schema, in order. */
import type { Issue } from "../../problem.js";
import { checkNeverIntroduced, checkRepeatedClaims } from "./claims.js";
import type { RuleContext } from "./context.js";
import { checkCycles } from "./cycles.js";
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
  checkNeverIntroduced,
  checkRepeatedClaims,
  checkStepKinds,
  checkOrphans,
];
