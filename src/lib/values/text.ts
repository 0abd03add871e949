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
