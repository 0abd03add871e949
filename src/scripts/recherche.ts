/**
 * The search page: Pagefind in the browser, with the query, filters and sort kept in
 * the URL so a search can be shared and bookmarked. Loaded only on /recherche/.
 *
 * Facets: values of one facet are alternatives (any), facets combine (all). The count
 * beside a value is the number of results the search would have with that value ticked,
 * given the query and the other facets' choices; with one value ticked in a facet, it is
 * the number of results shown.
 *
 * Partial matches: when no page holds every word, one search per word (a handful at most,
 * src/lib/site/search-partial.ts) gives the pages holding the most words, said above them;
 * when fewer than FEW pages hold them all, those come first and the others follow.
 * A word the site does not know (« teletravial ») makes Pagefind answer with whatever shares
 * its first letters: the query is then corrected from the site's own words and searched
 * again, saying so (src/lib/site/search-typos.ts).
 */
import { MAX_PARTIAL_RESULTS, MAX_PARTIAL_SEARCHES, partialWords, rankPartial, shorterForms, withoutStopWords } from '../lib/site/search-partial.ts';
import { closestWord, unseenWords } from '../lib/site/search-typos.ts';

interface Ranking { termSimilarity?: number; metaWeights?: Record<string, number> }
interface Settings { bundle: string; name: string; others: Array<{ name: string; bundle: string }>; ranking?: Ranking }
interface Labels {
  chargement: string; aucun: string; partiel1: string; partielN: string; debuts: string; resultat1: string; resultatN: string; resultatSansQ1: string; resultatSansQN: string;
  complement1: string; complementN: string; corrige: string;
  plus: string; pilote: string; source: string; erreur: string; effacer: string; valeurs: string; indisponible: string; filtres: Record<string, string>;
}
interface ResultData { url: string; excerpt: string; meta: Record<string, string>; filters: Record<string, string[]> }
interface PagefindResult { id: string; score: number; data: () => Promise<ResultData> }
interface PagefindSearch {
  results: PagefindResult[]; filters: Record<string, Record<string, number>>; totalFilters: Record<string, Record<string, number>>;
  partial?: boolean; shortened?: string[];
  /** Pages holding every word, first among the results, when the pages holding most of them follow. */
  complete?: number;
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  mergeIndex(url: string, o?: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  search(q: string | null, o?: Record<string, unknown>): Promise<PagefindSearch | null>;
}
type Filters = Record<string, string[]>;
interface State { q: string; tri: string; filters: Filters }

const FACETS = ['site', 'source', 'feuille', 'territoire', 'region', 'departement', 'type', 'statut', 'axe', 'annee', 'pilote', 'partenaire'];
const SORTS = ['code', 'debut'];
const PAGE = 10;
const SHOWN_VALUES = 8;
/** Fewer pages than this holding every word: the pages holding most of them follow. */
const FEW = 3;
/** The first results whose highlighted words tell whether Pagefind found the query's words. */
const CHECKED = 5;

const form = document.getElementById('recherche') as HTMLFormElement;
const input = document.getElementById('q') as HTMLInputElement;
const sortSelect = document.getElementById('tri') as HTMLSelectElement;
const filtersBox = document.getElementById('filtres') as HTMLDetailsElement;
const filtersWaiting = document.getElementById('filtres-attente') as HTMLParagraphElement;
// Open beside the results on a wide screen; folded above them on a phone, where the filters
// arriving after the results then move nothing on screen.
filtersBox.open = window.matchMedia('(min-width: 56rem)').matches;
const filtersList = document.getElementById('filtres-liste') as HTMLDivElement;
const countLine = document.getElementById('compte') as HTMLParagraphElement;
const resultsList = document.getElementById('resultats') as HTMLOListElement;
const moreButton = document.getElementById('plus') as HTMLButtonElement;
const settings = JSON.parse(form.dataset.settings ?? '{}') as Settings;
const labels = JSON.parse(form.dataset.labels ?? '{}') as Labels;

let loading: Promise<Pagefind> | null = null;
let unavailable: string[] = [];
let current: PagefindSearch | null = null;
let shown = 0;
let sequence = 0;
/** Filters read from the URL, applied on the first search before their boxes exist. */
let pendingFilters: Filters | null = null;
/** Facets whose hidden values the reader asked to see: they stay open across searches. */
const expanded = new Set<string>();

function readState(): State {
  const params = new URLSearchParams(location.search);
  const filters: Filters = {};
  for (const key of FACETS) {
    const values = [...new Set(params.getAll(key).filter(Boolean))];
    if (values.length) filters[key] = values;
  }
  const tri = params.get('tri') ?? '';
  return { q: params.get('q') ?? '', tri: SORTS.includes(tri) ? tri : '', filters };
}

function writeState(state: State): void {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.tri) params.set('tri', state.tri);
  for (const key of FACETS) for (const v of state.filters[key] ?? []) params.append(key, v);
  const query = params.toString();
  const url = `${location.pathname}${query ? `?${query}` : ''}`;
  if (url !== `${location.pathname}${location.search}`) history.replaceState(null, '', url);
}

function selectedFilters(): Filters {
  const filters: Filters = {};
  for (const box of filtersList.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')) {
    (filters[box.name] ??= []).push(box.value);
  }
  return filters;
}

/** The other sites' roots, longest first, to label a result by the site it comes from. */
const siteRoots = [
  ...settings.others.map((o) => ({ name: o.name, root: new URL(o.bundle.replace(/_?pagefind\/$/, ''), location.href).href })),
].sort((a, b) => b.root.length - a.root.length);

function siteOf(data: ResultData): string {
  if (data.filters.site?.[0]) return data.filters.site[0];
  const url = new URL(data.url, location.href).href;
  return siteRoots.find((s) => url.startsWith(s.root))?.name ?? settings.name;
}

async function reachable(bundle: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('pagefind-entry.json', new URL(bundle, location.href)), { cache: 'no-cache' });
    return response.ok;
  } catch {
    return false;
  }
}

/** Loaded after the first results (see run). */
let filterIndex: Promise<unknown> | null = null;

function load(): Promise<Pagefind> {
  loading ??= (async () => {
    const module = (await import(/* @vite-ignore */ `${settings.bundle}pagefind.js`)) as Pagefind;
    const merged = settings.others.length > 0;
    await module.options({ excerptLength: 24, ranking: settings.ranking ?? {}, ...(merged ? { mergeFilter: { site: settings.name } } : {}) });
    // A site that cannot be reached (down, or without CORS headers) is left out rather than breaking the search.
    const reached = await Promise.all(settings.others.map((o) => reachable(o.bundle)));
    unavailable = settings.others.filter((_, i) => !reached[i]).map((o) => o.name);
    for (const [i, other] of settings.others.entries()) {
      if (reached[i]) await module.mergeIndex(other.bundle, { mergeFilter: { site: other.name }, ranking: settings.ranking ?? {} });
    }
    await module.init();
    return module;
  })();
  loading.catch(() => (loading = null));
  return loading;
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}

function text(tag: string, value: string, className?: string): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = value;
  if (className) el.className = className;
  return el;
}

function asPagefindFilters(filters: Filters): Record<string, { any: string[] }> {
  return Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, { any: v }]));
}

/**
 * The pages holding the most words of the query, when none holds them all; a word that finds
 * nothing is tried shorter (a typing mistake near its end). Null when nothing is found. At
 * most MAX_PARTIAL_SEARCHES searches. Pagefind does not count filter values over pages merged
 * from several searches: they are counted from the pages' own filters (at most
 * MAX_PARTIAL_RESULTS pages are read).
 */
async function partialSearch(pf: Pagefind, q: string, filters: Filters): Promise<PagefindSearch | null> {
  const words = partialWords(q);
  if (words.length === 0) return null;
  let budget = MAX_PARTIAL_SEARCHES;
  const find = async (w: string) => {
    budget--;
    return (await pf.search(w, { filters: asPagefindFilters(filters) }))?.results ?? [];
  };
  const perWord = await Promise.all(words.map((w) => find(w)));
  const shortened: string[] = [];
  for (const [i, w] of words.entries()) {
    for (const shorter of perWord[i]!.length ? [] : shorterForms(w)) {
      if (budget <= 0) break;
      perWord[i] = await find(shorter);
      if (perWord[i]!.length) {
        shortened.push(`${shorter}…`);
        break;
      }
    }
  }
  const ranked = rankPartial(perWord.map((hits) => hits.map((r) => ({ id: r.id, score: r.score, result: r }))));
  if (ranked.length === 0) return null;
  const results = ranked.map((h) => h.result);
  const counted: Record<string, Record<string, number>> = {};
  for (const data of await Promise.all(results.slice(0, MAX_PARTIAL_RESULTS).map((r) => r.data()))) {
    for (const [key, values] of Object.entries(data.filters)) for (const v of values) (counted[key] ??= {})[v] = (counted[key][v] ?? 0) + 1;
  }
  return { results, filters: counted, totalFilters: counted, partial: true, shortened };
}

/** Counts per facet value: for a facet with ticked values, as if that facet alone were untouched. */
async function facetCounts(pf: Pagefind, state: State, search: PagefindSearch): Promise<Record<string, Record<string, number>>> {
  const counts: Record<string, Record<string, number>> = { ...search.filters };
  await Promise.all(
    Object.keys(state.filters).map(async (key) => {
      const others = Object.fromEntries(Object.entries(state.filters).filter(([k]) => k !== key));
      const without = search.partial ? await partialSearch(pf, state.q, others) : await pf.search(state.q ? withoutStopWords(state.q) : null, { filters: asPagefindFilters(others) });
      counts[key] = without?.filters[key] ?? {};
    }),
  );
  return counts;
}

function renderFilters(counts: Record<string, Record<string, number>>, selected: Filters): void {
  // Re-rendering replaces the boxes: give the focus back to the box the reader was on.
  const active = document.activeElement;
  const focused = active instanceof HTMLInputElement && filtersList.contains(active) ? { name: active.name, value: active.value } : null;
  filtersList.replaceChildren();
  for (const key of FACETS) {
    const selectedValues = selected[key] ?? [];
    const values = Object.entries(counts[key] ?? {})
      .filter(([value, n]) => n > 0 || selectedValues.includes(value))
      .sort((a, b) => (key === 'annee' ? a[0].localeCompare(b[0]) : b[1] - a[1] || a[0].localeCompare(b[0], 'fr')));
    for (const value of selectedValues) if (!values.some(([v]) => v === value)) values.push([value, 0]);
    if (values.length === 0) continue;
    const group = document.createElement('fieldset');
    group.className = 'filtre';
    group.append(text('legend', labels.filtres[key] ?? key));
    const list = document.createElement('ul');
    values.forEach(([value, n], i) => {
      const id = `f-${key}-${i}`;
      const li = document.createElement('li');
      const box = document.createElement('input');
      Object.assign(box, { type: 'checkbox', id, name: key, value, checked: selectedValues.includes(value) });
      const label = document.createElement('label');
      label.htmlFor = id;
      label.append(value, ' ', text('span', `(${n})`, 'compte-filtre'));
      li.append(box, label);
      if (i >= SHOWN_VALUES && !selectedValues.includes(value) && !expanded.has(key)) li.hidden = true;
      list.append(li);
    });
    group.append(list);
    const hidden = list.querySelectorAll('li[hidden]').length;
    if (hidden > 0) {
      const toggle = text('button', fill(labels.valeurs, { n: values.length }), 'lien-bouton') as HTMLButtonElement;
      toggle.type = 'button';
      toggle.addEventListener('click', () => {
        const first = list.querySelector<HTMLLIElement>('li[hidden]');
        list.querySelectorAll('li').forEach((li) => (li.hidden = false));
        expanded.add(key);
        toggle.remove();
        first?.querySelector('input')?.focus();
      });
      group.append(toggle);
    }
    filtersList.append(group);
  }
  if (Object.keys(selected).length) {
    const clear = text('button', labels.effacer, 'bouton secondaire') as HTMLButtonElement;
    clear.type = 'button';
    clear.addEventListener('click', () => {
      filtersList.querySelectorAll<HTMLInputElement>('input:checked').forEach((b) => (b.checked = false));
      input.focus();
      void run();
    });
    filtersList.append(clear);
  }
  filtersWaiting.hidden = true;
  filtersBox.toggleAttribute('data-vide', filtersList.childElementCount === 0);
  if (focused) {
    const again = [...filtersList.querySelectorAll<HTMLInputElement>('input[type=checkbox]')].find((b) => b.name === focused.name && b.value === focused.value);
    again?.focus();
  }
}

async function showMore(focusFirst = false): Promise<ResultData[]> {
  if (!current) return [];
  const mine = sequence;
  const batch = current.results.slice(shown, shown + PAGE);
  const items = await Promise.all(batch.map((r) => r.data()));
  if (mine !== sequence) return [];
  shown += batch.length;
  let first: HTMLAnchorElement | null = null;
  for (const data of items) {
    const li = document.createElement('li');
    li.className = 'resultat';
    const h = document.createElement('h2');
    const a = document.createElement('a');
    a.href = data.url;
    a.textContent = [data.meta.code, data.meta.title].filter(Boolean).join(' ');
    first ??= a;
    h.append(a);
    const site = settings.others.length ? siteOf(data) : '';
    // On a hub, which site publishes the result's roadmap (search-meta.ts, sourceSearchMeta).
    const source = data.meta.source ? `${labels.source} : ${data.meta.source}` : '';
    const meta = [data.meta.feuille, site, source, data.meta.pilote ? `${labels.pilote} : ${data.meta.pilote}` : ''].filter(Boolean).join(' · ');
    const excerpt = document.createElement('p');
    excerpt.className = 'extrait';
    // Pagefind's excerpt is the page's text, escaped, with <mark> around the matched terms.
    excerpt.innerHTML = data.excerpt;
    li.append(h, text('p', meta, 'meta'), excerpt);
    if (site) li.dataset.site = site;
    resultsList.append(li);
  }
  moreButton.hidden = shown >= current.results.length;
  if (focusFirst) first?.focus();
  return items;
}

/** The site's words (src/pages/recherche-mots.json.ts), fetched once, only when a correction may be needed. */
let siteWords: Promise<string[]> | null = null;

/**
 * The query with its words corrected, when a word shows in none of the first results (or there
 * are none) and is not a word of the site, with the words replaced; null otherwise.
 */
async function correction(q: string, items: ResultData[]): Promise<{ corrected: string; unknown: string[] } | null> {
  const marked = items.flatMap((d) => [...d.excerpt.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1] ?? ''));
  const unseen = unseenWords(partialWords(q), marked);
  if (unseen.length === 0) return null;
  siteWords ??= fetch(form.dataset.mots ?? '').then((r) => (r.ok ? (r.json() as Promise<string[]>) : [])).catch(() => []);
  const words = await siteWords;
  const unknown: string[] = [];
  const corrected = q
    .split(/(\s+)/)
    .map((part) => {
      const better = unseen.includes(part) ? closestWord(part, words) : null;
      if (better) unknown.push(part);
      return better ?? part;
    })
    .join('');
  return unknown.length ? { corrected, unknown } : null;
}

function countText(n: number, q: string, partial = false, shortened: string[] = [], complete?: number): string {
  if (n === 0) return fill(labels.aucun, { q });
  if (complete !== undefined) return `${fill(labels.resultatN, { n, q })} : ${fill(complete > 1 ? labels.complementN : labels.complement1, { k: complete })}`;
  if (partial) {
    const found = fill(n > 1 ? labels.partielN : labels.partiel1, { n, q });
    return shortened.length ? `${found} ${fill(labels.debuts, { mots: shortened.map((w) => `« ${w} »`).join(', ') })}` : found;
  }
  const template = q ? (n > 1 ? labels.resultatN : labels.resultat1) : n > 1 ? labels.resultatSansQN : labels.resultatSansQ1;
  const missing = unavailable.length ? ` ${fill(labels.indisponible, { sites: unavailable.join(', ') })}` : '';
  return fill(template, { n, q }) + missing;
}

async function run(): Promise<void> {
  const mine = ++sequence;
  const filters = pendingFilters ?? selectedFilters();
  pendingFilters = null;
  const state: State = { q: input.value.trim(), tri: sortSelect.value, filters };
  writeState(state);
  if (!state.q && Object.keys(state.filters).length === 0) {
    current = null;
    resultsList.replaceChildren();
    countLine.textContent = '';
    moreButton.hidden = true;
    filtersBox.toggleAttribute('data-vide', true);
    filtersList.replaceChildren();
    return;
  }
  countLine.textContent = labels.chargement;
  // In place from the start of the search, above the results on a phone: neither the results
  // nor the filters arriving after them then move anything on screen.
  filtersBox.toggleAttribute('data-vide', false);
  try {
    const pf = await load();
    let q = state.q;
    const searchFor = (text: string) => pf.search(text ? withoutStopWords(text) : null, { filters: asPagefindFilters(state.filters), ...(state.tri ? { sort: { [state.tri]: 'asc' } } : {}) });
    const query = () => searchFor(q);
    const countsKnown = filterIndex !== null;
    let whole = await query();
    if (!whole || mine !== sequence) return;
    // A word the site does not know: Pagefind's answers share only its first letters.
    let corrected: { corrected: string; unknown: string[] } | null = null;
    if (q) {
      const found = await correction(q, await Promise.all(whole.results.slice(0, CHECKED).map((r) => r.data())));
      if (mine !== sequence) return;
      const again = found ? await searchFor(found.corrected) : null;
      if (mine !== sequence) return;
      if (found && again && again.results.length > 0) {
        corrected = found;
        q = found.corrected;
        whole = again;
      }
    }
    const partial = q && whole.results.length < FEW && (whole.results.length === 0 || partialWords(q).length > 1) ? await partialSearch(pf, q, state.filters) : null;
    if (mine !== sequence) return;
    let search: PagefindSearch = whole;
    if (partial && whole.results.length === 0) search = partial;
    else if (partial) {
      // The pages holding every word first, then those holding most of them.
      const first = new Set(whole.results.map((r) => r.id));
      search = { ...partial, results: [...whole.results, ...partial.results.filter((r) => !first.has(r.id))], partial: false, complete: whole.results.length };
      if (search.results.length === whole.results.length) search = whole;
    }
    current = search;
    shown = 0;
    resultsList.replaceChildren();
    const count = countText(search.results.length, q, search.partial, search.shortened, search.complete);
    countLine.textContent = corrected ? `${fill(labels.corrige, { mots: corrected.unknown.join(' ') })} ${count}` : count;
    await showMore();
    if (mine !== sequence) return;
    // Pagefind counts a search's filter values only once the filter index is loaded. That
    // index weighs as much as the rest of a first search (a list of pages per filter), so it
    // comes after the first results are on screen, and the counts follow.
    const merged = search !== whole;
    if (!countsKnown && !merged) await (filterIndex ??= pf.filters());
    const counted = countsKnown || merged ? search : await query();
    if (!counted || mine !== sequence) return;
    const counts = await facetCounts(pf, state, counted);
    if (mine !== sequence) return;
    renderFilters(counts, state.filters);
  } catch (error) {
    if (mine !== sequence) return;
    countLine.textContent = labels.erreur;
    console.warn(error);
  }
}

let timer: number | undefined;
input.addEventListener('input', () => {
  window.clearTimeout(timer);
  timer = window.setTimeout(() => void run(), 250);
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  window.clearTimeout(timer);
  void run();
});
sortSelect.addEventListener('change', () => void run());
filtersList.addEventListener('change', () => void run());
moreButton.addEventListener('click', () => void showMore(true));

const initial = readState();
input.value = initial.q;
sortSelect.value = initial.tri;
if (initial.q || Object.keys(initial.filters).length) {
  pendingFilters = initial.filters;
  void run();
}
