/** Hugging Face repo ids (`org/name`) and the lineage ids that stand for them. */

/** The Hub's own rule for a repo id: an optional namespace and a name, each of letters, digits and `_ . -`, no `--` or `..`, at most 96 characters. */
const HUB_ID = /^(?:[A-Za-z0-9][\w.-]{0,95}\/)?[A-Za-z0-9][\w.-]{0,95}$/;

/** Whether `text` is a well-formed Hub repo id. */
export function isHubId(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  // Plain tests where a regex would do: a hub dump has a million ids (and `last` is NaN for "", which HUB_ID refuses).
  return last !== 0x2e && last !== 0x2d && HUB_ID.test(text) && !text.includes("--") && !text.includes("..");
}

/**
 * Normalises what a card gives as a base model to a Hub repo id: trims, accepts a huggingface.co URL
 * (https://huggingface.co/org/name, with /tree/REV or more after it) and drops a trailing `.git`.
 * Returns null for anything else (local paths, free text).
 */
export function normalizeHubId(value: string): string | null {
  let text = value.trim();
  const url = /^(?:https?:\/\/)?(?:www\.)?(?:huggingface\.co|hf\.co)\/(?:models\/)?([^/?#\s]+(?:\/[^/?#\s]+)?)/i.exec(
    text,
  );
  if (url) text = url[1]!;
  if (text.endsWith(".git")) text = text.slice(0, -4); // not a regex: /\.git$/ is tried at every position
  return isHubId(text) ? text : null;
}

/** The lineage id for a Hub repo id: the repo id itself (lineage ids may hold `/`), case as first seen. */
export function toLineageId(hubId: string): string {
  return hubId;
}

/**
 * The Hub repo id a lineage id stands for: the id itself. A lineage imported before ids could hold `/`
 * spells `org/name` as `org--name` with the Hub id as its name; `hubIdOf` (export-card.ts) reads that name first.
 */
export function fromLineageId(id: string): string {
  return id;
}

/** The key two spellings of one repo id share: the Hub matches ids ignoring case. */
export function hubKey(hubId: string): string {
  return hubId.toLowerCase();
}

/** The model's page on the Hub. */
export function hubUrl(hubId: string): string {
  return `https://huggingface.co/${hubId}`;
}
