/**
 * Pagefind driven from the test, inside the search page: the page's own bundle and ranking
 * (read from its data-settings). The code runs as a string, so that the test runner does not
 * rewrite its dynamic import.
 */
import type { Page } from 'playwright-core';
import { withoutStopWords } from '../../src/lib/site/search-partial.ts';

export interface Hit { url: string; score: number; meta: Record<string, string>; filters: Record<string, string[]> }
export interface Found { hits: Hit[]; filters: Record<string, Record<string, number>> }

/**
 * For each query (null: filters only), the first `n` results (all with n = 0) and the facet
 * counts. The query loses its stop words, as on the search page (src/scripts/recherche.ts).
 */
export async function searchIndex(page: Page, queries: Array<{ q: string | null; filters?: Record<string, string[]>; sort?: string }>, n = 5): Promise<Found[]> {
  const code = `(async (queries, n) => {
    const settings = JSON.parse(document.getElementById('recherche').dataset.settings);
    const pf = await import(settings.bundle + 'pagefind.js');
    await pf.options({ ranking: settings.ranking });
    await pf.init();
    const out = [];
    for (const { q, filters, sort } of queries) {
      const any = Object.fromEntries(Object.entries(filters ?? {}).map(([k, v]) => [k, { any: v }]));
      const search = await pf.search(q, { filters: any, ...(sort ? { sort: { [sort]: 'asc' } } : {}) });
      const results = n > 0 ? search.results.slice(0, n) : search.results;
      const hits = await Promise.all(results.map(async (r) => { const d = await r.data(); return { url: d.url, score: r.score, meta: d.meta, filters: d.filters }; }));
      out.push({ hits, filters: search.filters });
    }
    return out;
  })(${JSON.stringify(queries.map((x) => ({ ...x, q: x.q === null ? null : withoutStopWords(x.q) })))}, ${n})`;
  return page.evaluate(code) as Promise<Found[]>;
}
