/**
 * The search page: Pagefind in the browser, with the query, filters and sort kept in
 * the URL so a search can be shared and bookmarked. Loaded only on /recherche/.
 */
interface Settings { bundle: string; name: string; others: Array<{ name: string; bundle: string }> }
interface Labels {
  chargement: string; aucun: string; resultat1: string; resultatN: string; resultatSansQ1: string; resultatSansQN: string;
  plus: string; pilote: string; erreur: string; effacer: string; filtres: Record<string, string>;
}
interface PagefindResult { id: string; data: () => Promise<{ url: string; excerpt: string; meta: Record<string, string>; filters: Record<string, string[]> }> }
interface PagefindSearch { results: PagefindResult[]; filters: Record<string, Record<string, number>>; totalFilters: Record<string, Record<string, number>> }
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  mergeIndex(url: string, o?: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(q: string | null, o?: Record<string, unknown>): Promise<PagefindSearch | null>;
  debouncedSearch?(q: string | null, o?: Record<string, unknown>, ms?: number): Promise<PagefindSearch | null>;
}

const FACETS = ['feuille', 'territoire', 'type', 'statut', 'axe', 'annee', 'pilote', 'partenaire', 'site'];
const PAGE = 10;
const SHOWN_VALUES = 8;

const form = document.getElementById('recherche') as HTMLFormElement;
const input = document.getElementById('q') as HTMLInputElement;
const sortSelect = document.getElementById('tri') as HTMLSelectElement;
const filtersBox = document.getElementById('filtres') as HTMLFieldSetElement;
const filtersList = document.getElementById('filtres-liste') as HTMLDivElement;
const countLine = document.getElementById('compte') as HTMLParagraphElement;
const resultsList = document.getElementById('resultats') as HTMLOListElement;
const moreButton = document.getElementById('plus') as HTMLButtonElement;
const settings = JSON.parse(form.dataset.settings ?? '{}') as Settings;
const labels = JSON.parse(form.dataset.labels ?? '{}') as Labels;

let pagefind: Pagefind | null = null;
let current: PagefindSearch | null = null;
let shown = 0;
let sequence = 0;

function readState(): { q: string; tri: string; filters: Record<string, string[]> } {
  const params = new URLSearchParams(location.search);
  const filters: Record<string, string[]> = {};
  for (const key of FACETS) {
    const values = params.getAll(key);
    if (values.length) filters[key] = values;
  }
  return { q: params.get('q') ?? '', tri: params.get('tri') ?? '', filters };
}

function writeState(state: ReturnType<typeof readState>): void {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.tri) params.set('tri', state.tri);
  for (const [k, values] of Object.entries(state.filters)) for (const v of values) params.append(k, v);
  const query = params.toString();
  history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}`);
}

function selectedFilters(): Record<string, string[]> {
  const filters: Record<string, string[]> = {};
  for (const box of filtersList.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')) {
    (filters[box.name] ??= []).push(box.value);
  }
  return filters;
}

async function load(): Promise<Pagefind> {
  if (pagefind) return pagefind;
  const module = (await import(/* @vite-ignore */ `${settings.bundle}pagefind.js`)) as Pagefind;
  await module.options({ excerptLength: 24, ...(settings.others.length ? { mergeFilter: { site: settings.name } } : {}) });
  for (const other of settings.others) await module.mergeIndex(other.bundle, { mergeFilter: { site: other.name } });
  await module.init();
  pagefind = module;
  return module;
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

function renderFilters(search: PagefindSearch, selected: Record<string, string[]>): void {
  filtersList.replaceChildren();
  for (const key of FACETS) {
    const counts = search.filters[key] ?? {};
    const selectedValues = selected[key] ?? [];
    const values = Object.entries(counts)
      .filter(([value, n]) => n > 0 || selectedValues.includes(value))
      .sort((a, b) => (key === 'annee' ? a[0].localeCompare(b[0]) : b[1] - a[1] || a[0].localeCompare(b[0], 'fr')));
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
      if (i >= SHOWN_VALUES && !selectedValues.includes(value)) li.hidden = true;
      list.append(li);
    });
    group.append(list);
    if (values.length > SHOWN_VALUES) {
      const toggle = text('button', `Afficher les ${values.length} valeurs`, 'lien-bouton') as HTMLButtonElement;
      toggle.type = 'button';
      toggle.addEventListener('click', () => {
        list.querySelectorAll('li').forEach((li) => (li.hidden = false));
        toggle.remove();
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
      void run();
    });
    filtersList.append(clear);
  }
  filtersBox.hidden = filtersList.childElementCount === 0;
}

async function showMore(): Promise<void> {
  if (!current) return;
  const batch = current.results.slice(shown, shown + PAGE);
  shown += batch.length;
  const items = await Promise.all(batch.map((r) => r.data()));
  for (const data of items) {
    const li = document.createElement('li');
    li.className = 'resultat';
    const h = document.createElement('h2');
    const a = document.createElement('a');
    a.href = data.url;
    a.textContent = [data.meta.code, data.meta.title].filter(Boolean).join(' ');
    h.append(a);
    const meta = [data.meta.feuille, data.filters.site?.[0], data.meta.pilote ? `${labels.pilote} : ${data.meta.pilote}` : ''].filter(Boolean).join(' · ');
    const excerpt = document.createElement('p');
    // Pagefind's excerpt is escaped text with <mark> around the matched terms.
    excerpt.innerHTML = data.excerpt;
    li.append(h, text('p', meta, 'meta'), excerpt);
    resultsList.append(li);
  }
  moreButton.hidden = shown >= current.results.length;
}

async function run(): Promise<void> {
  const mine = ++sequence;
  const state = { q: input.value.trim(), tri: sortSelect.value, filters: selectedFilters() };
  writeState(state);
  if (!state.q && Object.keys(state.filters).length === 0) {
    resultsList.replaceChildren();
    countLine.textContent = '';
    moreButton.hidden = true;
    filtersBox.hidden = true;
    return;
  }
  countLine.textContent = labels.chargement;
  try {
    const pf = await load();
    const filters = Object.fromEntries(Object.entries(state.filters).map(([k, v]) => [k, { any: v }]));
    const search = await pf.search(state.q || null, { filters, ...(state.tri ? { sort: { [state.tri]: 'asc' } } : {}) });
    if (!search || mine !== sequence) return;
    current = search;
    shown = 0;
    resultsList.replaceChildren();
    const n = search.results.length;
    countLine.textContent =
      n === 0 ? fill(labels.aucun, { q: state.q }) : fill(state.q ? (n > 1 ? labels.resultatN : labels.resultat1) : n > 1 ? labels.resultatSansQN : labels.resultatSansQ1, { n, q: state.q });
    renderFilters(search, state.filters);
    await showMore();
  } catch (error) {
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
  void run();
});
sortSelect.addEventListener('change', () => void run());
filtersList.addEventListener('change', () => void run());
moreButton.addEventListener('click', () => void showMore());

const initial = readState();
input.value = initial.q;
sortSelect.value = initial.tri;
if (initial.q || Object.keys(initial.filters).length) {
  // Filters from a shared URL are applied on the first search, before their boxes exist.
  void (async () => {
    const pf = await load().catch(() => null);
    if (!pf) {
      countLine.textContent = labels.erreur;
      return;
    }
    const filters = Object.fromEntries(Object.entries(initial.filters).map(([k, v]) => [k, { any: v }]));
    const search = await pf.search(initial.q || null, { filters, ...(initial.tri ? { sort: { [initial.tri]: 'asc' } } : {}) });
    if (!search) return;
    renderFilters(search, initial.filters);
    await run();
  })();
}
