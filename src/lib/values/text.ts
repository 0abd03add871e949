/** Text helpers shared by parsers, resolvers and search metadata. */

/** Lower case, no diacritics, single spaces: the form in which names and aliases are compared. */
export function foldForMatch(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’'`´]/g, "'")
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A key that ignores case, accents, punctuation and spacing ("Cyb'@njou" and "cyb@njou" meet). */
export function looseKey(value: string): string {
  return foldForMatch(value).replace(/[^a-z0-9]+/g, '');
}

/** URL-safe slug made of ASCII letters, digits and hyphens. */
export function slugify(value: string): string {
  return foldForMatch(value)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Removes HTML tags left by the PDF/Word extraction (e.g. "2<sup>ème</sup>"). */
export function stripTags(value: string): string {
  return value.replace(/<[^>]*>/g, '');
}

/** Text made safe inside HTML or XML, in an element or a double-quoted attribute. */
export function escapeMarkup(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** « 1 fiche », « 3 fiches »: the count and the word that agrees with it (French: plural from 2). */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}
