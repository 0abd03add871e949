/**
 * The home map's computation (src/lib/site/territory-map.ts), on an invented geometry of
 * three départements in two régions: which territories are links, where each link goes,
 * which are muted, and what the text list holds.
 */
import { describe, expect, it } from 'vitest';
import type { ModelRoadmap } from '../src/lib/model/types.ts';
import { pathBounds, roadmapsByTerritory, territoryLocator, territoryMap, type MapGeometry } from '../src/lib/site/territory-map.ts';
import { makeUrls } from '../src/lib/site/urls.ts';

const geometry: MapGeometry = {
  attribution: 'Contours : essai',
  largeur: 100,
  hauteur: 60,
  encarts: [],
  departements: {
    '44': { nom: 'Loire-Atlantique', region: '52', d: 'M0 0l10 0 0 10-10 0z' },
    '49': { nom: 'Maine-et-Loire', region: '52', d: 'M10 0l10 0 0 10-10 0z' },
    '02': { nom: 'Aisne', region: '32', d: 'M50 0l10 0 0 20-10 0z' },
  },
  regions: {
    '52': { nom: 'Pays de la Loire', d: 'M0 0l20 0 0 10-20 0z' },
    '32': { nom: 'Hauts-de-France', d: 'M50 0l10 0 0 20-10 0z' },
  },
};
const urls = makeUrls('/base/');

function roadmap(id: string, niveau: string, code: string | null, titre_court: string | null = null): ModelRoadmap {
  return { id, titre: `Titre ${id}`, titre_court, territoire: { nom: 'x', niveau, code_insee: code } } as ModelRoadmap;
}

describe('carte des territoires', () => {
  it('lit le cadre d\'un tracé relatif, sous-tracés compris', () => {
    expect(pathBounds('M10 5l4 0 0-3-4 0zM2 20l1 1-1 0z')).toEqual({ x0: 2, y0: 2, x1: 14, y1: 21 });
  });

  it('un territoire à une seule feuille de route est un lien vers elle, nommé, étiqueté en son centre', () => {
    const view = territoryMap([roadmap('aisne', 'departement', '02', 'Aisne 2021')], geometry, urls);
    const deps = view.couches.find((c) => c.niveau === 'departement')!;
    expect(deps.liens.map((t) => [t.code, t.nom, t.href])).toEqual([['02', 'Aisne', '/base/aisne/']]);
    expect(deps.liens[0]!.feuilles).toEqual([{ id: 'aisne', titre: 'Aisne 2021', href: '/base/aisne/' }]);
    expect(deps.liens[0]!.etiquette).toEqual({ x: 55, y: 10 });
    expect(view.viewBox).toBe('0 0 100 60');
  });

  it('les territoires sans feuille de route sont un seul tracé muet, jamais des liens', () => {
    const view = territoryMap([roadmap('aisne', 'departement', '02')], geometry, urls);
    const deps = view.couches.find((c) => c.niveau === 'departement')!;
    expect(deps.muets).toBe('M0 0l10 0 0 10-10 0zM10 0l10 0 0 10-10 0z');
    const regions = view.couches.find((c) => c.niveau === 'region')!;
    expect(regions.liens).toEqual([]);
    expect(regions.muets).toContain(geometry.regions['32']!.d);
    // The départements layer carries the région borders for orientation; the régions layer does not need them.
    expect(deps.contours).toBe(geometry.regions['32']!.d + geometry.regions['52']!.d);
    expect(regions.contours).toBe('');
  });

  it('plusieurs feuilles de route d\'un même territoire : le lien mène à leur liste, pas à l\'une d\'elles', () => {
    const view = territoryMap([roadmap('a', 'departement', '49'), roadmap('b', 'departement', '49')], geometry, urls);
    const [t] = view.couches.find((c) => c.niveau === 'departement')!.liens;
    expect(t!.href).toBe('#territoire-departement-49');
    expect(t!.ancre).toBe('territoire-departement-49');
    expect(t!.feuilles.map((f) => f.href)).toEqual(['/base/a/', '/base/b/']);
  });

  it('une feuille de route régionale fait de sa région un lien, sans toucher aux départements qu\'elle contient', () => {
    const view = territoryMap([roadmap('scoran', 'region', '52'), roadmap('m49', 'departement', '49')], geometry, urls);
    expect(view.couches.find((c) => c.niveau === 'region')!.liens.map((t) => t.href)).toEqual(['/base/scoran/']);
    expect(view.couches.find((c) => c.niveau === 'departement')!.liens.map((t) => t.href)).toEqual(['/base/m49/']);
    // Text alternative: régions first, then départements, by name.
    expect(view.liste.map((t) => `${t.niveau} ${t.nom}`)).toEqual(['region Pays de la Loire', 'departement Maine-et-Loire']);
  });

  it('les autres échelons, les codes absents et les codes inconnus de la carte n\'y figurent pas', () => {
    const found = roadmapsByTerritory([
      roadmap('epci', 'epci', '200071678'),
      roadmap('nat', 'national', null),
      roadmap('sans', 'departement', null),
      roadmap('inconnu', 'departement', '975'),
      roadmap('ok', 'departement', '44'),
    ], geometry);
    expect([...found.keys()]).toEqual(['departement-44']);
  });

  it('la petite carte d\'une feuille de route : le département dans sa région, la région dans la France', () => {
    const dep = territoryLocator(roadmap('m49', 'departement', '49'), geometry)!;
    expect(dep).toEqual({ viewBox: '-2 -2 24 14', contexte: geometry.departements['44']!.d, territoire: geometry.departements['49']!.d, region: 'Pays de la Loire' });
    const region = territoryLocator(roadmap('scoran', 'region', '52'), { ...geometry, encarts: [{ code: '971', x: 0, y: 50, largeur: 10, hauteur: 10 }] })!;
    expect(region.viewBox).toBe('0 0 100 50');
    expect(region.territoire).toBe(geometry.regions['52']!.d);
    expect(region.contexte).toBe(geometry.regions['32']!.d);
    expect(region.region).toBeNull();
    expect(territoryLocator(roadmap('epci', 'epci', '200071678'), geometry)).toBeNull();
    expect(territoryLocator(roadmap('inconnu', 'departement', '975'), geometry)).toBeNull();
  });
});
