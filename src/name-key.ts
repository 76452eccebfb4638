/** The form names are compared in, by the uniqueness rule and by every lookup of a name a user types. */

/**
 * Characters that show nothing: format characters (zero-width spaces and joiners, bidi marks, BOM), line and
 * paragraph separators, and every other default-ignorable one (soft hyphen, variation selectors, the combining
 * grapheme joiner, Hangul fillers): the set the escape shows (src/render/escape.ts).
 */
const INVISIBLE = /[\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/gu;

/** The form two names are compared in: what a person sees is the same, so the name is the same. */
export function nameKey(name: string): string {
  const simple = /^[\x20-\x7e]*$/.test(name);
  // NFKC after the invisible are gone (it could make some of them visible), and again after lower-casing.
  return simple ? name.toLowerCase() : name.replace(INVISIBLE, "").normalize("NFKC").toLowerCase().normalize("NFKC");
}
