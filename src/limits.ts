/** Documented input limits; past them a file is refused with a message, never a crash. */
export const LIMITS = {
  /** Largest YAML lineage file, in bytes (as for JSON). */
  maxYamlBytes: 90 * 1000 * 1000,
  /** Most nodes (scalars, collections, aliases) in a YAML lineage: memory is bounded by nodes as well as bytes. */
  maxYamlNodes: 16 * 1024 * 1024,
  /**
   * Largest YAML file, and most nodes, for which a problem is located by parsing the whole file again
   * with positions (yaml@2 needs ~800 bytes per node); past either, by parsing the entry it is in.
   */
  maxYamlLocateBytes: 16 * 1024 * 1024,
  maxYamlLocateNodes: 1_500_000,
  /** Largest JSON lineage file, in bytes. */
  maxJsonBytes: 90 * 1000 * 1000,
  /** Longest line of a YAML lineage file, in bytes. */
  maxYamlLineBytes: 1024 * 1024,
  /** Most alias expansions a YAML document may perform ("billion laughs" guard). */
  maxAliasCount: 100,
  /**
   * Largest hub dump (JSON Lines or CSV) opened as a lineage, in bytes. A dump is streamed row
   * by row, so the bytes bound only the reading; memory is bounded by its models (see maxDumpRows).
   */
  maxDumpBytes: 1024 * 1024 * 1024,
  /** Longest row (line) of a hub dump, in bytes. */
  maxDumpLineBytes: 1024 * 1024,
  /**
   * Most rows of a hub dump opened as a lineage: its first load peaks near 3 GB a million rows (measured on
   * the bench dump, 3.05 GB), so this is about what a 4 GB budget holds. `import hf` streams without it.
   */
  maxDumpRows: 1_250_000,
  /** Deepest nesting of collections in a lineage file. */
  maxDepth: 64,
} as const;
