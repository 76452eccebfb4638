/** What every cross-reference rule needs, computed once per file. */
import type { LineageFile, StepEntry } from "../../schema.js";

/** Shared, read-only facts about a schema-valid lineage. */
export interface RuleContext {
  lineage: LineageFile;
  modelIds: Set<string>;
  abilityIds: Set<string>;
  sourceIds: Set<string>;
  /** Steps by the model they make (the first, when a model is made twice). */
  stepByTo: Map<string, { step: StepEntry; index: number }>;
}

/** Builds the rule context. */
export function ruleContext(lineage: LineageFile): RuleContext {
  const stepByTo = new Map<string, { step: StepEntry; index: number }>();
  lineage.steps.forEach((step, index) => {
    if (!stepByTo.has(step.to)) stepByTo.set(step.to, { step, index });
  });
  return {
    lineage,
    modelIds: new Set(Object.keys(lineage.models)),
    abilityIds: new Set(Object.keys(lineage.abilities)),
    sourceIds: new Set(Object.keys(lineage.sources)),
    stepByTo,
  };
}
