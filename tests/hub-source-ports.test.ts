/**
 * A hub source on a port that fetch refuses (the Fetch standard's « bad ports », such as 6000
 * for a local trial): the build says why in French, not in fetch's English « bad port ».
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gatherSources, sourceReport } from '../src/lib/build/sources.ts';

const root = mkdtempSync(join(tmpdir(), 'jalons-portail-port-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a source on a port fetch refuses', () => {
  it('is left out with a French reason that says what to do', async () => {
    const states = await gatherSources([{ nom: 'Essai', adresse: 'http://127.0.0.1:6000/donnees/jalons.json' }], root, '2026-12-03T10:00:00.000Z');
    expect(states.map((s) => [s.etat, s.raison])).toEqual([
      ['absente', 'l\'adresse ne répond pas (port refusé : réservé à un autre protocole, ni Node ni les navigateurs n\'y lisent de page web ; servez le site sur un autre port).'],
    ]);
    expect(sourceReport(states)).toEqual([
      '⚠ Source « Essai » (http://127.0.0.1:6000/donnees/jalons.json) : l\'adresse ne répond pas (port refusé : réservé à un autre protocole, ni Node ni les navigateurs n\'y lisent de page web ; servez le site sur un autre port). Elle est absente du portail ; les autres sources sont publiées.',
    ]);
  });
});
