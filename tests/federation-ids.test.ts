/**
 * A hub of many sites whose directories use the same ids for other organisations (« caf »,
 * « departement » in every département): each gets an id of its own, id-2, id-3…, with every
 * reference to it in its site's roadmaps, and a glossary term likewise.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { federate, type ReadSource } from '../src/lib/import/federation.ts';
import { validateProject } from '../src/lib/model/validate-project.ts';
import type { Model } from '../src/lib/model/types.ts';
import { ROOT } from './support/content-tree.ts';

const own = validateProject(ROOT, join(ROOT, 'tests', 'fixtures', 'valide'), '2025-06-01');

/** The fixture as site `k` publishes it: the same ids, its own organisations and abbreviations. */
function site(k: number): ReadSource {
  const model = structuredClone(own.model) as Model;
  for (const a of model.acteurs) a.nom = `${a.nom} (site ${k})`;
  for (const g of model.glossaire) g.sigle = `${g.sigle}${k}`;
  return { spec: { nom: `Site ${k}`, adresse: `/sources/site-${k}/jalons.json` }, model };
}

describe('a hub of several sites with the same ids', () => {
  const hub = federate(own.model, [site(1), site(2), site(3)], null).model;

  it('gives each site\'s roadmap, organisations and abbreviations ids of their own, in the order of the sources', () => {
    expect(own.ok).toBe(true);
    expect(hub.feuilles_de_route.map((r) => r.id)).toEqual(['exemple', 'exemple-2', 'exemple-3', 'exemple-4']);
    expect(hub.acteurs.map((a) => a.id)).toEqual([
      'departement-exemple', 'reseau-cyb',
      'departement-exemple-2', 'reseau-cyb-2',
      'departement-exemple-3', 'reseau-cyb-3',
      'departement-exemple-4', 'reseau-cyb-4',
    ]);
    expect(hub.acteurs.find((a) => a.id === 'reseau-cyb-3')?.nom).toBe('Réseau Cyb@xemple (site 2)');
    expect(hub.glossaire.map((g) => [g.id, g.sigle])).toEqual([['epci', 'EPCI'], ['epci-2', 'EPCI1'], ['epci-3', 'EPCI2'], ['epci-4', 'EPCI3']]);
  });

  it('points each sheet of a site at that site\'s organisations', () => {
    const pilots = (roadmap: string) => hub.feuilles_de_route.find((r) => r.id === roadmap)!.fiches.find((f) => f.id === 'a-1-1')!.pilotes.map((p) => p.acteur);
    expect(pilots('exemple')).toEqual(['departement-exemple', 'reseau-cyb']);
    expect(pilots('exemple-3')).toEqual(['departement-exemple-3', 'reseau-cyb-3']);
    expect(pilots('exemple-4')).toEqual(['departement-exemple-4', 'reseau-cyb-4']);
  });
});
