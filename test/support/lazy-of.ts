/** Lazy graphs made from a graph's compact parts, without storage: for tests of what a query reads. */
import type { LineageGraph } from "../../src/graph/build-graph.js";
import { compactParts, type CompactLineage } from "../../src/graph/compact.js";
import { arrayIds } from "../../src/graph/id-index.js";
import { lazyGraph } from "../../src/graph/lazy-graph.js";

/** The compact lineage of a graph, without storage: its parts, entries parsed from their texts. */
export function compactOf(graph: LineageGraph): CompactLineage {
  const { ints, bytes, records, index } = compactParts(graph);
  return {
    header: index,
    modelIds: arrayIds(index.modelIds),
    ...ints,
    ...bytes,
    stepCount: records.steps.count,
    entry: (kind, i) => JSON.parse(records[kind].text(i)) as unknown,
  };
}

/** The lazy graph of `graph`, the entries its reads parse (`kind#index`, in order), and its making column. */
export function lazyOf(graph: LineageGraph) {
  const compact = compactOf(graph);
  const reads: string[] = [];
  const lazy = lazyGraph({ ...compact, entry: (kind, i) => (reads.push(`${kind}#${i}`), compact.entry(kind, i)) });
  return { lazy, reads, stepHow: compact.stepHow };
}
