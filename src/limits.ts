/** Documented input limits; past them a file is refused with a message, never a crash. */
export const LIMITS = {
  /** Largest YAML lineage file, in bytes: past it, write the lineage as JSON. */
  maxYamlBytes: 16 * 1024 * 1024,
  /** Largest JSON lineage file, in bytes. */
  maxJsonBytes: 90 * 1000 * 1000,
  /** Longest line of a YAML lineage file, in bytes. */
  maxYamlLineBytes: 1024 * 1024,
  /** Most alias expansions a YAML document may perform ("billion laughs" guard). */
  maxAliasCount: 100,
  /** Deepest nesting of collections in a lineage file. */
  maxDepth: 64,
} as const;
