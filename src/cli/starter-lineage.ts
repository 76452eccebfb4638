/** The starter lineage `captrace init` writes: every part of the format once, commented, and valid. */

/** The starter text, its modeline pointing editors at `schemaUrl`. */
export function starterLineage(schemaUrl: string): string {
  return `# yaml-language-server: $schema=${schemaUrl}
#
# A captrace lineage: models are nodes, training steps are edges, and each step makes claims about
# abilities. Check it with \`captrace validate FILE\`, then ask it questions, e.g.
#   captrace --lineage FILE trace tuned reasoning
# Every key is documented in captrace's docs/format.md.

lineage: 1            # the format version
title: My lineage

# Where the claims come from: each claim's evidence cites one of these by id.
sources:
  notes: {title: My lab notes, year: 2024}

# The abilities the claims are about (ids are kebab-case; aliases are other names a query accepts).
abilities:
  reasoning: {name: Step-by-step reasoning, aliases: [cot]}
  chat: {name: Following a conversation}

# The models: one entry per model, referred to by id.
models:
  base: {name: Base model, series: Base}
  tuned: {name: Tuned model, series: Tuned}

# The steps: each makes one model (to) from its parents (from; none for a root).
# confidence is how sure the step itself is: established, likely, hypothesis or speculative.
steps:
  - id: base-pretraining
    kind: pretraining
    from: []
    to: base
    confidence: established
    evidence: [{source: notes, at: "p. 1"}]
    claims:
      # effect: introduced, unlocked, strengthened, weakened, lost or restored.
      - {ability: reasoning, effect: introduced, confidence: likely, evidence: [{source: notes, at: "p. 1"}]}
  - id: instruction-tuning
    kind: supervised-instruction-tuning
    from: [base]
    to: tuned
    confidence: likely
    claims:
      - {ability: chat, effect: unlocked, confidence: hypothesis, evidence: [{source: notes, at: "p. 2", note: "what the notes show"}]}
`;
}
