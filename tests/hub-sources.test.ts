/**
 * A hub's sources read by the build (src/lib/build/sources.ts), from a server on loopback
 * and from files: each read now or taken from the last good copy in .jalons/sources/, or left
 * out, always with a French reason; limits of time and size hold against a hostile server.
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherSources, sourceReport, sourcesText, withSources, SOURCES_STATE_ENV } from '../src/lib/build/sources.ts';
import { modelJson } from '../src/lib/export/json.ts';
import { validateProject } from '../src/lib/model/validate-project.ts';
import { ROOT } from './support/content-tree.ts';

const site = validateProject(ROOT, join(ROOT, 'tests', 'fixtures', 'valide'), '2024-03-15');
const GOOD = modelJson(site.model);
const NOW = '2026-12-03T10:00:00.000Z';
const LATER = '2026-12-04T10:00:00.000Z';

/** What the server answers at each path; changed by the tests. */
const answers = new Map<string, (res: import('node:http').ServerResponse) => void>();
let server: Server;
let base = '';
const root = mkdtempSync(join(tmpdir(), 'jalons-portail-'));

beforeAll(async () => {
  server = createServer((req, res) => {
    const answer = answers.get(req.url ?? '');
    if (answer) answer(res);
    else res.writeHead(404, 'Not Found').end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  rmSync(root, { recursive: true, force: true });
});

const json = (text: string) => (res: import('node:http').ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end(text);
const limits = { timeoutMs: 1_000, maxBytes: 8 * 1024 * 1024 };

describe('reading the sources of a hub', () => {
  it('reads a source now, keeps its copy, and uses that copy while the source fails', async () => {
    answers.set('/a/donnees/jalons.json', json(GOOD));
    const [read] = await gatherSources([{ nom: 'Exemple', adresse: `${base}/a/donnees/jalons.json` }], root, NOW, limits);
    expect(read).toEqual({ nom: 'Exemple', adresse: `${base}/a/donnees/jalons.json`, etat: 'lue', raison: null, lue_le: NOW, feuilles_de_route: 1, fiches: site.model.feuilles_de_route[0]!.fiches.length });

    answers.set('/a/donnees/jalons.json', (res) => res.writeHead(500, 'Internal Server Error').end());
    const [down] = await gatherSources([{ nom: 'Exemple', adresse: `${base}/a/donnees/jalons.json` }], root, LATER, limits);
    expect(down).toMatchObject({ etat: 'copie', raison: 'l\'adresse répond « 500 Internal Server Error ».', lue_le: NOW, feuilles_de_route: 1 });

    // A source that now publishes something else than a valid model: its good copy stays.
    answers.set('/a/donnees/jalons.json', json('{"version": 2, "feuilles_de_route": "aucune"}'));
    const [invalid] = await gatherSources([{ nom: 'Exemple', adresse: `${base}/a/donnees/jalons.json` }], root, LATER, limits);
    expect(invalid).toMatchObject({ etat: 'copie', lue_le: NOW });
    expect(invalid!.raison).toMatch(/^il ne respecte pas le schéma du modèle/);
    expect(sourceReport([invalid!])).toEqual([`⚠ Source « Exemple » (${base}/a/donnees/jalons.json) : ${invalid!.raison} Sa copie du ${NOW} est publiée.`]);
  });

  it('leaves out a source never read, saying why: refused connection, missing file, 404', async () => {
    const states = await gatherSources([
      { nom: 'Fermée', adresse: 'http://127.0.0.1:9/donnees/jalons.json' },
      { nom: null, adresse: join(root, 'absent', 'jalons.json') },
      { nom: 'Introuvable', adresse: `${base}/rien/donnees/jalons.json` },
    ], root, NOW, limits);
    // A file's path is in the build's report, beside the source, never in what the pages show.
    expect(states.map((s) => [s.nom, s.etat])).toEqual([['Fermée', 'absente'], ['fichier local', 'absente'], ['Introuvable', 'absente']]);
    expect(states[1]!.raison).toBe('le fichier indiqué n\'existe pas sur la machine qui construit le site.');
    expect(sourceReport(states)[1]).toContain(`(${join(root, 'absent', 'jalons.json')})`);
    expect(states[2]!.raison).toBe('l\'adresse répond « 404 Not Found ».');
    expect(sourcesText(states)).toBe('0 lue, 3 absentes');
    expect(sourceReport(states)[2]).toBe(`⚠ Source « Introuvable » (${base}/rien/donnees/jalons.json) : l'adresse répond « 404 Not Found ». Elle est absente du portail ; les autres sources sont publiées.`);
  });

  it('gives up on a server that never answers, or sends more than allowed, within its limits', async () => {
    answers.set('/lent/donnees/jalons.json', () => { /* never answers */ });
    answers.set('/goutte/donnees/jalons.json', (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"version": 2, ');
      // Then a byte now and then, for ever: only the time limit ends it.
      const drip = setInterval(() => res.write(' '), 100);
      res.on('close', () => clearInterval(drip));
    });
    answers.set('/enorme/donnees/jalons.json', (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(Buffer.alloc(2 * 1024 * 1024, 0x20));
    });
    const states = await gatherSources([
      { nom: 'Lent', adresse: `${base}/lent/donnees/jalons.json` },
      { nom: 'Goutte', adresse: `${base}/goutte/donnees/jalons.json` },
      { nom: 'Énorme', adresse: `${base}/enorme/donnees/jalons.json` },
    ], root, NOW, { timeoutMs: 500, maxBytes: 1024 * 1024 });
    expect(states.map((s) => s.raison)).toEqual([
      'l\'adresse ne répond pas (pas de réponse en 0,5 s).',
      'la lecture a été interrompue (plus de 0,5 s).',
      'la réponse dépasse les 1 Mo lus au plus.',
    ]);
  }, 10_000);

  it('reads a local file, and refuses one larger than allowed', async () => {
    const file = join(root, 'local', 'jalons.json');
    mkdirSync(join(root, 'local'), { recursive: true });
    writeFileSync(file, GOOD);
    const [ok] = await gatherSources([{ nom: 'Local', adresse: file }], root, NOW, limits);
    expect(ok).toMatchObject({ etat: 'lue', feuilles_de_route: 1 });
    const [big] = await gatherSources([{ nom: 'Gros', adresse: file }], root, NOW, { timeoutMs: 1000, maxBytes: 1024 });
    expect(big!.raison).toMatch(/^le fichier pèse [\d,]+ ko, plus que les 1 ko lus au plus\.$/);
  });
});

describe('the pages\' model of a hub', () => {
  it('adds what the build read, and without the build\'s states (npm run dev) what the cache holds', async () => {
    answers.set('/b/donnees/jalons.json', json(GOOD));
    const adresse = `${base}/b/donnees/jalons.json`;
    const states = await gatherSources([{ nom: 'B', adresse }], root, NOW, limits);
    const stateFile = join(root, 'etat.json');
    writeFileSync(stateFile, JSON.stringify(states));
    const own = validateProject(ROOT, join(ROOT, 'tests', 'fixtures', 'relations'), '2024-03-15');
    const env = { JALONS_SOURCES: `B=${adresse}`, [SOURCES_STATE_ENV]: stateFile };
    const { result } = withSources(own, root, env);
    const ids = result.model.feuilles_de_route.map((r) => r.id);
    expect(ids).toEqual([...own.model.feuilles_de_route.map((r) => r.id), site.model.feuilles_de_route[0]!.id]);
    expect(result.model.feuilles_de_route.at(-1)!.origine).toEqual({ nom: 'B', url: `${base}/b/${site.model.feuilles_de_route[0]!.id}/`, donnees: adresse });
    // Asked again with the result it gave, it adds nothing twice.
    expect(withSources(result, root, env).result).toBe(result);
    // The preview has no states: it reads the copy.
    const preview = withSources(validateProject(ROOT, join(ROOT, 'tests', 'fixtures', 'relations'), '2024-03-15'), root, { JALONS_SOURCES: `B=${adresse}` });
    expect(preview.result.model.feuilles_de_route.map((r) => r.id)).toEqual(ids);
    // Not a hub: nothing changes.
    expect(withSources(own, root, {}).result).toBe(own);
  });
});
