/**
 * What a hub's pages say about where a roadmap comes from (src/lib/site/origin.ts): the same
 * page on the origin site for each kind of page, the home page's word on the sources it could
 * not read, and the search's « Source » filter, present on a hub only.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingSourcesText, originNotice, originPageUrl, sourcesList, type HubSource } from '../src/lib/site/origin.ts';
import { nodeSearchMeta, roadmapSearchMeta, sheetSearchMeta, sourceSearchMeta } from '../src/lib/site/search-meta.ts';
import { validateProject } from '../src/lib/model/validate-project.ts';
import type { ModelOrigin, ModelRoadmap } from '../src/lib/model/types.ts';

const ROOT = join(import.meta.dirname, '..');
const model = validateProject(ROOT, join(ROOT, 'tests/fixtures/relations'), '2024-03-15').model;
const own = model.feuilles_de_route.find((r) => r.id === 'departement-a-2024')!;
/** The same roadmap as a hub publishes it, renamed because the hub already had its id. */
const copy: ModelRoadmap = { ...own, id: 'departement-a-2024-2', origine: { nom: 'Département A', url: 'https://a.example.org/jalons/departement-a-2024/', donnees: 'https://a.example.org/jalons/donnees/jalons.json' } };
const fromFile: ModelOrigin = { nom: 'Essai local', url: null, donnees: null };

const source = (s: Partial<HubSource>): HubSource => ({ nom: 'Mayenne', adresse: 'https://mayenne.example.org/donnees/jalons.json', etat: 'lue', raison: null, lue_le: '2026-12-01T08:30:00.000Z', feuilles_de_route: 2, fiches: 40, ...s });

describe('the same page on the origin site', () => {
  it('is found from the roadmap page there, under the id the roadmap has there', () => {
    const o = copy.origine!;
    expect(originPageUrl(o, { page: 'feuille' })).toBe('https://a.example.org/jalons/departement-a-2024/');
    expect(originPageUrl(o, { page: 'entree', id: 'a-1' })).toBe('https://a.example.org/jalons/departement-a-2024/a-1/');
    expect(originPageUrl(o, { page: 'calendrier' })).toBe('https://a.example.org/jalons/departement-a-2024/calendrier/');
    expect(originPageUrl(o, { page: 'fiches' })).toBe('https://a.example.org/jalons/departement-a-2024/fiches/');
    expect(originPageUrl(o, { page: 'document' })).toBe('https://a.example.org/jalons/departement-a-2024/document/');
    expect(originPageUrl(o, { page: 'donnees' })).toBe('https://a.example.org/jalons/donnees/#donnees-departement-a-2024');
  });

  it('is unknown for a source read from a file: the notice names it without a link', () => {
    expect(originNotice({ origine: fromFile }, { page: 'entree', id: 'a-1' })).toEqual({ nom: 'Essai local', href: null });
  });

  it('is not asked for the site\'s own roadmaps: no notice', () => {
    expect(originNotice(own, { page: 'feuille' })).toBeNull();
    expect(originNotice(copy, { page: 'feuille' })).toEqual({ nom: 'Département A', href: 'https://a.example.org/jalons/departement-a-2024/' });
  });
});

describe('the home page of a hub', () => {
  it('says nothing of the sources when every one was read', () => {
    expect(missingSourcesText([source({}), source({ nom: 'Aisne', adresse: '/tmp/aisne.json' })])).toEqual([]);
    expect(missingSourcesText([])).toEqual([]);
  });

  it('names an absent source with the build\'s reason, and a copied one with the day its copy was read', () => {
    const texts = missingSourcesText([
      source({}),
      source({ nom: 'Cassée', adresse: 'http://127.0.0.1:59999/donnees/jalons.json', etat: 'absente', raison: 'l\'adresse ne répond pas (connexion refusée : aucun serveur à cette adresse).', lue_le: null, feuilles_de_route: 0, fiches: 0 }),
      source({ nom: 'Aisne', etat: 'copie', raison: 'l\'adresse répond « 503 Service Unavailable ».' }),
    ]);
    expect(texts).toEqual([
      { nom: 'Cassée', texte: '« Cassée » n\'a pas pu être lue : l\'adresse ne répond pas (connexion refusée : aucun serveur à cette adresse). Ses feuilles de route sont absentes de ce portail jusqu\'à ce qu\'elle puisse être lue.' },
      { nom: 'Aisne', texte: '« Aisne » n\'a pas pu être lue : l\'adresse répond « 503 Service Unavailable ». Ses feuilles de route affichées ici sont sa copie lue le 1er décembre 2026.' },
    ]);
  });

  it('lists every source with what it brings and its state', () => {
    expect(sourcesList([
      source({}),
      source({ nom: 'Aisne', etat: 'copie', raison: 'x', feuilles_de_route: 1, fiches: 1 }),
      source({ nom: 'Cassée', etat: 'absente', raison: 'x', lue_le: null, feuilles_de_route: 0, fiches: 0 }),
    ])).toEqual([
      { nom: 'Mayenne', contenu: '2 feuilles de route, 40 fiches', etat: 'lue à cette construction' },
      { nom: 'Aisne', contenu: '1 feuille de route, 1 fiche', etat: 'copie du 1er décembre 2026' },
      { nom: 'Cassée', contenu: '—', etat: 'absente : non lue' },
    ]);
  });
});

describe('the search\'s « Source » filter', () => {
  const hub = { hub: 'Portail national' };
  const sheet = own.fiches[0]!;
  const node = own.noeuds[0]!;
  const sourceOf = (meta: { filters: Array<[string, string]>; meta: Array<[string, string]> }) => ({
    filtre: meta.filters.filter(([k]) => k === 'source').map(([, v]) => v),
    meta: meta.meta.filter(([k]) => k === 'source').map(([, v]) => v),
  });

  it('names, on a hub, the site that publishes the roadmap, and the hub\'s own name for its own roadmaps', () => {
    for (const meta of [roadmapSearchMeta(copy, hub), sheetSearchMeta(copy, sheet, model, hub), nodeSearchMeta(copy, node, null, hub)]) {
      expect(sourceOf(meta)).toEqual({ filtre: ['Département A'], meta: ['Département A'] });
    }
    for (const meta of [roadmapSearchMeta(own, hub), sheetSearchMeta(own, sheet, model, hub), nodeSearchMeta(own, node, null, hub)]) {
      expect(sourceOf(meta)).toEqual({ filtre: ['Portail national'], meta: ['Portail national'] });
    }
  });

  it('is not there on a site that is not a hub', () => {
    for (const meta of [roadmapSearchMeta(own), sheetSearchMeta(own, sheet, model), nodeSearchMeta(own, node, null, { hub: null })]) {
      expect(sourceOf(meta)).toEqual({ filtre: [], meta: [] });
    }
    expect(sourceSearchMeta(copy, {})).toEqual({ filters: [], meta: [] });
  });
});
