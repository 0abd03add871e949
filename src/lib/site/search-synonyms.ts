/**
 * Domain synonyms for the search (content/synonymes.yaml), applied when the index is built:
 * a page that says « seniors » is also found by « personnes âgées ». The terms of the group
 * go into the page's searchable metadata (search-meta.ts), not into its text, so excerpts and
 * highlights show only what the page says.
 */

/**
 * Words as the search compares them: no accents, no case, no punctuation, and a final « s »
 * or « x » dropped, so « conseillers numériques » contains « conseiller numérique ».
 */
export function synonymWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => (w.length > 3 ? w.replace(/[sx]$/, '') : w));
}

/** Every term of every group that the text contains, as whole words. */
function contains(haystack: string, term: string): boolean {
  const words = synonymWords(term);
  return words.length > 0 && haystack.includes(` ${words.join(' ')} `);
}

/**
 * The terms a page should also be found by: every term of each group of which the text holds
 * one. The terms it holds are kept too: the metadata then names the page's subject, and a page
 * about CnFS weighs as much for « conseiller numérique » whichever of the names it uses.
 */
export function synonymsFor(text: string, groups: readonly (readonly string[])[]): string[] {
  const haystack = ` ${synonymWords(text).join(' ')} `;
  const out: string[] = [];
  for (const group of groups) if (group.some((t) => contains(haystack, t))) out.push(...group);
  return [...new Set(out)];
}

/**
 * The text a page is searched by, from its model object: every string it holds, depth-first,
 * bounded (depth and count) so a cycle or a huge object cannot stall the build.
 */
export function textOf(value: unknown, skip: ReadonlySet<string> = new Set(), depth = 0, out: string[] = []): string[] {
  if (out.length > 5000 || depth > 6) return out;
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) textOf(v, skip, depth + 1, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (!skip.has(k)) textOf(v, skip, depth + 1, out);
  }
  return out;
}
