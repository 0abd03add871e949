/**
 * A hub built from other Jalons sites (src/lib/import/federation.ts): the sources' list as
 * written in JALONS_SOURCES, each source read against the model's schema with a French
 * reason when it cannot be, and the merge: origin of each roadmap, ids already taken, the
 * same organisation once, relations and contributions written as another site's address.
 * Two sites are made from tests/fixtures/relations: « national » publishes the national
 * roadmap, « territoires » the two départements, which refer to it by address.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { roadmapModel } from '../src/lib/export/json.ts';
import { federate, parseSources, readSourceModel, sourceSite, type ReadSource } from '../src/lib/import/federation.ts';
import { validateProject } from '../src/lib/model/validate-project.ts';
import type { Model } from '../src/lib/model/types.ts';
import { makeContentTree, ROOT } from './support/content-tree.ts';

const FIXTURE = join(ROOT, 'tests', 'fixtures', 'relations');
const TODAY = '2024-03-15';
const NATIONAL = 'https://national.example.org/';
const copy = (model: Model): Model => JSON.parse(JSON.stringify(model));

// The national site alone: no département there says it contributes.
const nationalTree = makeContentTree(FIXTURE, { 'departement-a-2020': null, 'departement-a-2024': null, 'departement-b': null, 'diagnostic-a': null });
const nationalResult = validateProject(ROOT, nationalTree.dir, TODAY);
const national = roadmapModel(nationalResult.model, nationalResult.model.feuilles_de_route[0]!);

// The départements on a site of their own: the national roadmap is another site's, named by its addresses.
const fixtureFile = (path: string) => readFileSync(join(FIXTURE, path), 'utf8');
const byAddress = (text: string) => text
  .replace('declinaison_de: nationale', `declinaison_de: "${NATIONAL}nationale/"`)
  .replace(/contribue_a: \[nationale\/([a-z0-9-]+)\]/, `contribue_a: ["${NATIONAL}nationale/$1/"]`)
  .replaceAll('(/nationale/', `(${NATIONAL}nationale/`)
  .replaceAll('url: /nationale/', `url: ${NATIONAL}nationale/`);
const territoriesTree = makeContentTree(FIXTURE, {
  nationale: null,
  'departement-a-2024/feuille-de-route.md': byAddress(fixtureFile('departement-a-2024/feuille-de-route.md')),
  'departement-a-2024/fiches/a-1.md': byAddress(fixtureFile('departement-a-2024/fiches/a-1.md')),
  'departement-a-2024/fiches/a-2.md': byAddress(fixtureFile('departement-a-2024/fiches/a-2.md')),
  'departement-b/feuille-de-route.md': byAddress(fixtureFile('departement-b/feuille-de-route.md')),
  'departement-b/fiches/b-1.md': byAddress(fixtureFile('departement-b/fiches/b-1.md')),
});
const territoriesResult = validateProject(ROOT, territoriesTree.dir, TODAY);
const territories = territoriesResult.model;
afterAll(() => {
  territoriesTree.remove();
  nationalTree.remove();
});

const empty: Model = { version: 2, feuilles_de_route: [], acteurs: [], glossaire: [] };
const source = (adresse: string, model: Model, nom: string | null = null): ReadSource => ({ spec: { nom, adresse }, model: copy(model) });
const hubOf = (...sources: ReadSource[]) => federate(copy(empty), sources, null);

describe('JALONS_SOURCES', () => {
  it('reads addresses and paths, named or not, separated by « ; » or line breaks', () => {
    expect(parseSources('Mayenne=https://mayenne.example.org/donnees/jalons.json ;\n../autre/dist/donnees/jalons.json\nhttps://x.example.org/donnees/jalons.json?v=2')).toEqual([
      { nom: 'Mayenne', adresse: 'https://mayenne.example.org/donnees/jalons.json' },
      { nom: null, adresse: '../autre/dist/donnees/jalons.json' },
      { nom: null, adresse: 'https://x.example.org/donnees/jalons.json?v=2' },
    ]);
    expect(parseSources(undefined)).toEqual([]);
    expect(parseSources(' ; ')).toEqual([]);
  });

  it('refuses an entry without an address, another protocol, or a source given twice, in French', () => {
    expect(() => parseSources('Mayenne=')).toThrow('JALONS_SOURCES : « Mayenne= » ne donne pas d\'adresse. Écrivez « Nom=https://site/donnees/jalons.json » ou le chemin d\'un fichier jalons.json.');
    expect(() => parseSources('ftp://x.example.org/donnees/jalons.json')).toThrow('JALONS_SOURCES : « ftp://x.example.org/donnees/jalons.json » : seules les adresses http(s) et les chemins de fichiers sont lus.');
    expect(() => parseSources('A=https://a.example.org/donnees/jalons.json;B=https://a.example.org/donnees/jalons.json')).toThrow('JALONS_SOURCES : « https://a.example.org/donnees/jalons.json » est donnée deux fois.');
  });

  it('knows the site of a source from its address: the folder that holds donnees/', () => {
    expect(sourceSite('https://a.example.org/donnees/jalons.json')).toBe('https://a.example.org/');
    expect(sourceSite('https://a.example.org/jalons/donnees/jalons.json')).toBe('https://a.example.org/jalons/');
    expect(sourceSite('https://a.example.org/donnees/departement-b.json')).toBe('https://a.example.org/');
    expect(sourceSite('https://a.example.org/export.json')).toBeNull();
    expect(sourceSite('/srv/a/dist/donnees/jalons.json')).toBeNull();
  });
});

describe('reading a source', () => {
  it('accepts a site\'s published model, and drops the fields a newer Jalons added', () => {
    const reading = readSourceModel(JSON.stringify({ ...copy(national), champ_futur: 1 }));
    expect(reading.ok).toBe(true);
    if (reading.ok) {
      expect(reading.model.feuilles_de_route.map((r) => r.id)).toEqual(['nationale']);
      expect('champ_futur' in reading.model).toBe(false);
    }
  });

  it('says why a source cannot be read: not JSON, not a Jalons model, another version, off the schema, an id that cannot name a page or names one of the site\'s own pages', () => {
    const reason = (text: string) => {
      const r = readSourceModel(text);
      return r.ok ? null : r.raison;
    };
    expect(reason('<html>Page introuvable</html>')).toMatch(/^ce n'est pas un fichier JSON valide \(.+\)\.$/);
    expect(reason('{"feuilles_de_route": []}')).toBe('ce n\'est pas le fichier jalons.json d\'un site Jalons (pas de champ « version »).');
    expect(reason(JSON.stringify({ ...national, version: 1 }))).toBe('son modèle est en version 1, que ce site ne lit pas (il lit la version 2). Le site source doit être reconstruit avec une version récente de Jalons.');
    expect(reason(JSON.stringify({ ...national, version: 3 }))).toBe('son modèle est en version 3, que ce site ne lit pas (il lit la version 2). Mettez à jour Jalons sur ce site.');
    const broken = copy(national);
    (broken.feuilles_de_route[0]!.fiches[0] as { titre: unknown }).titre = 42;
    (broken.feuilles_de_route[0] as { statut: string }).statut = 'perdue';
    const path = copy(national);
    path.feuilles_de_route[0]!.fiches[1]!.id = '../../etc';
    expect(reason(JSON.stringify(path))).toBe('l\'identifiant « ../../etc » (feuilles_de_route[0].fiches[1].id) n\'est pas un identifiant Jalons (lettres minuscules, chiffres et tirets) : il ne peut pas nommer une page.');
    const reserved = copy(national);
    reserved.feuilles_de_route[0]!.noeuds[0]!.id = 'document';
    expect(reason(JSON.stringify(reserved))).toBe('l\'identifiant « document » (feuilles_de_route[0].noeuds[0].id) est le nom d\'une page de tout site Jalons, qu\'un site Jalons refuse ; la source n\'a pas été construite par Jalons ou l\'a été par une version qui ne le vérifiait pas.');
    const twice = copy(territories);
    twice.feuilles_de_route[1]!.id = twice.feuilles_de_route[0]!.id;
    expect(reason(JSON.stringify(twice))).toBe(`l'identifiant « ${twice.feuilles_de_route[0]!.id} » est donné deux fois (feuilles_de_route[1].id) : deux pages auraient la même adresse.`);
    const nodeAndSheet = copy(national);
    nodeAndSheet.feuilles_de_route[0]!.fiches[0]!.id = nodeAndSheet.feuilles_de_route[0]!.noeuds[0]!.id;
    expect(reason(JSON.stringify(nodeAndSheet))).toBe(`l'identifiant « ${nodeAndSheet.feuilles_de_route[0]!.noeuds[0]!.id} » est donné deux fois (feuilles_de_route[0].fiches[0].id) : deux pages auraient la même adresse.`);
    const page = copy(national);
    page.feuilles_de_route[0]!.id = 'recherche';
    expect(reason(JSON.stringify(page))).toMatch(/^l'identifiant « recherche » \(feuilles_de_route\[0\]\.id\) est le nom d'une page/);
    expect(reason(JSON.stringify(broken))).toMatch(/^il ne respecte pas le schéma du modèle \(jalons\.schema\.json\) : feuilles_de_route\[0\]\.statut : .+ ; feuilles_de_route\[0\]\.fiches\[0\]\.titre : .+\.$/);
  });
});

describe('a hub of two sites', () => {
  it('each site validates, the territories\' one with addresses of the national site in its relations', () => {
    expect(nationalResult.problems.filter((p) => p.gravite === 'erreur')).toEqual([]);
    expect(national.feuilles_de_route.map((r) => r.id)).toEqual(['nationale']);
    expect(territoriesResult.problems.filter((p) => p.gravite === 'erreur')).toEqual([]);
    const a1 = territories.feuilles_de_route.find((r) => r.id === 'departement-a-2024')!.fiches.find((f) => f.id === 'a-1')!;
    expect(a1.contribue_a).toEqual([]);
    expect(a1.contribue_a_adresses).toEqual([`${NATIONAL}nationale/engagement-3/`]);
  });

  const { model } = hubOf(source(`${NATIONAL}donnees/jalons.json`, national), source('../territoires/dist/donnees/jalons.json', territories, 'Territoires'));
  const rm = (id: string) => model.feuilles_de_route.find((r) => r.id === id)!;

  it('publishes every roadmap with its origin: the page on its site when read from an address', () => {
    expect(model.feuilles_de_route.map((r) => [r.id, r.origine])).toEqual([
      ['nationale', { nom: 'national.example.org', url: `${NATIONAL}nationale/`, donnees: `${NATIONAL}donnees/jalons.json` }],
      ...territories.feuilles_de_route.map((r) => [r.id, { nom: 'Territoires', url: null, donnees: null }]),
    ]);
  });

  it('links a declination written as the national site\'s address to the copy the hub publishes, both ways', () => {
    expect(rm('departement-b').declinaison_de).toEqual({ feuille_de_route: 'nationale', url: null, titre: rm('nationale').titre_court ?? rm('nationale').titre, territoire: 'France' });
    expect(rm('nationale').relations.map((r) => `${r.relation} ${r.feuille_de_route}${r.declaree ? '' : ' (déduite)'}`)).toEqual([
      'declinee_par departement-a-2024 (déduite)',
      'declinee_par departement-b (déduite)',
    ]);
  });

  it('lists on a national axis or engagement the local actions that say, by address, they contribute to it', () => {
    const engagement = rm('nationale').fiches.find((f) => f.id === 'engagement-3')!;
    expect(engagement.contributions).toEqual([
      { feuille_de_route: 'departement-a-2024', id: 'a-1', type: 'fiche' },
      { feuille_de_route: 'departement-b', id: 'b-1', type: 'fiche' },
    ]);
    expect(rm('nationale').noeuds.find((n) => n.id === 'axe-2')!.contributions).toEqual([{ feuille_de_route: 'departement-a-2024', id: 'a-2', type: 'fiche' }]);
    expect(rm('departement-b').fiches[0]!.contribue_a).toEqual([{ feuille_de_route: 'nationale', id: 'engagement-3', type: 'fiche' }]);
  });

  it('keeps an address that names no roadmap of the hub as it was written', () => {
    const { model: alone } = hubOf(source('../territoires/dist/donnees/jalons.json', territories, 'Territoires'));
    const b = alone.feuilles_de_route.find((r) => r.id === 'departement-b')!;
    expect(b.declinaison_de).toEqual({ feuille_de_route: null, url: `${NATIONAL}nationale/`, titre: null, territoire: null });
    expect(b.fiches[0]!.contribue_a).toEqual([]);
  });

  it('recognises its own roadmaps\' addresses when it knows its own address', () => {
    const own = copy(national);
    const { model: hub } = federate(own, [source('../territoires/dist/donnees/jalons.json', territories, 'Territoires')], NATIONAL);
    expect(hub.feuilles_de_route.find((r) => r.id === 'departement-b')!.declinaison_de?.feuille_de_route).toBe('nationale');
    expect(hub.feuilles_de_route.find((r) => r.id === 'nationale')!.origine).toBeNull();
  });
});

describe('ids already taken in the hub', () => {
  const first = source('https://a.example.org/donnees/jalons.json', territories, 'A');
  const second = source('https://b.example.org/donnees/jalons.json', territories, 'B');
  const { model, notes } = hubOf(first, second);
  const copyB = model.feuilles_de_route.find((r) => r.id === 'departement-b-2')!;

  it('gives a suffix to a roadmap whose id is taken, with every reference to it in its source, and says so', () => {
    expect(model.feuilles_de_route.map((r) => r.id)).toEqual([
      ...territories.feuilles_de_route.map((r) => r.id),
      ...territories.feuilles_de_route.map((r) => `${r.id}-2`),
    ]);
    expect(copyB.fiches.every((f) => f.feuille_de_route === 'departement-b-2')).toBe(true);
    // Its page on its own site keeps its own id.
    expect(copyB.origine).toEqual({ nom: 'B', url: 'https://b.example.org/departement-b/', donnees: 'https://b.example.org/donnees/jalons.json' });
    const a2024 = model.feuilles_de_route.find((r) => r.id === 'departement-a-2024-2')!;
    expect(a2024.precedee_par?.feuille_de_route).toBe('departement-a-2020-2');
    expect(model.feuilles_de_route.find((r) => r.id === 'departement-a-2020-2')!.relations.map((r) => `${r.relation} ${r.feuille_de_route}`)).toContain('remplacee_par departement-a-2024-2');
    expect(notes).toContain('B : la feuille de route « departement-b » est publiée ici sous « departement-b-2 », l\'identifiant étant déjà pris.');
  });

  it('keeps one actor for the same organisation, and a second for another one under the same id', () => {
    expect(model.acteurs.map((a) => a.id)).toEqual(territories.acteurs.map((a) => a.id));
    const renamed = copy(territories);
    renamed.acteurs.find((a) => a.id === 'departement-b')!.nom = 'Un autre département B';
    const { model: hub } = hubOf(first, source('https://b.example.org/donnees/jalons.json', renamed, 'B'));
    expect(hub.acteurs.filter((a) => a.id.startsWith('departement-b')).map((a) => [a.id, a.nom])).toEqual([
      ['departement-b', territories.acteurs.find((a) => a.id === 'departement-b')!.nom],
      ['departement-b-2', 'Un autre département B'],
    ]);
    const porteurs = hub.feuilles_de_route.find((r) => r.id === 'departement-b-2')!.porteurs;
    expect(porteurs.map((p) => p.acteur)).toEqual(['departement-b-2']);
  });
});

describe('the addresses a source gives', () => {
  it('drops a link that is not http(s) nor a path, and turns a path of the origin site into its full address there', () => {
    const risky = copy(territories);
    const sheet = risky.feuilles_de_route.find((r) => r.id === 'departement-a-2024')!.fiches.find((f) => f.id === 'a-2')!;
    sheet.liens = [
      { titre: 'Piège', url: 'javascript:alert(1)' },
      { titre: 'Page du site d\'origine', url: '/departement-b/b-1/' },
      { titre: 'Ailleurs', url: 'https://ailleurs.example.org/' },
      { titre: 'Sans protocole', url: '//ailleurs.example.org/' },
    ];
    risky.acteurs[0]!.site = 'data:text/html,<script>alert(1)</script>';
    risky.feuilles_de_route[0]!.source.url = 'https://[x/';
    const { model } = hubOf(source('https://t.example.org/jalons/donnees/jalons.json', risky, 'T'));
    const copied = model.feuilles_de_route.find((r) => r.id === 'departement-a-2024')!.fiches.find((f) => f.id === 'a-2')!;
    expect(copied.liens).toEqual([
      { titre: 'Page du site d\'origine', url: 'https://t.example.org/jalons/departement-b/b-1/' },
      { titre: 'Ailleurs', url: 'https://ailleurs.example.org/' },
    ]);
    expect(model.acteurs[0]!.site).toBeNull();
    expect(model.feuilles_de_route[0]!.source.url).toBeNull();
  });

  it('keeps no path of a site it cannot name: a source read from a file, or another hub\'s origin written as a path', () => {
    const hubCopy = copy(territories);
    hubCopy.feuilles_de_route[0]!.origine = { nom: 'A', url: '/a/', donnees: null };
    hubCopy.feuilles_de_route[0]!.fiches[0]!.liens = [{ titre: 'Ailleurs', url: '/departement-b/' }];
    const { model } = hubOf(source('../hub/dist/donnees/jalons.json', hubCopy, 'Hub'));
    expect(model.feuilles_de_route[0]!.origine).toEqual({ nom: 'A', url: null, donnees: null });
    expect(model.feuilles_de_route[0]!.fiches[0]!.liens).toEqual([]);
  });
});
