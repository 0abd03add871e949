import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFuzzyDate } from '../src/lib/values/fuzzy-date.ts';

interface Case {
  texte: string;
  attendu?: { debut: string | null; fin: string | null; precision: string | null; approximatif: boolean; ouvert?: boolean };
  erreur?: string;
  note?: string;
}
/**
 * The reference cases live in the workplace's shared/fixtures/dates-fr.json, beside the
 * repository; CI runs on a clean clone where that folder may be absent, so a copy is kept
 * in tests/fixtures/ and, wherever the reference is present, the copy must equal it.
 */
const REFERENCE = new URL('../../shared/fixtures/dates-fr.json', import.meta.url);
const COPY = new URL('./fixtures/dates-fr.json', import.meta.url);
const fixture = JSON.parse(readFileSync(COPY, 'utf8')) as { cas: Case[] };

it.runIf(existsSync(REFERENCE))('keeps tests/fixtures/dates-fr.json identical to shared/fixtures/dates-fr.json', () => {
  expect(readFileSync(COPY, 'utf8')).toBe(readFileSync(REFERENCE, 'utf8'));
});

describe('fuzzy dates from shared/fixtures/dates-fr.json', () => {
  for (const c of fixture.cas) {
    // Months without a year only make sense inside an annual schedule.
    const annual = c.attendu?.debut?.startsWith('--') ?? false;
    if (c.attendu) {
      it(`reads « ${c.texte} »`, () => {
        const result = parseFuzzyDate(c.texte, { annual });
        expect(result.ok, result.ok ? '' : result.message).toBe(true);
        if (!result.ok) return;
        const { debut, fin, precision, approximatif } = result.value;
        expect({ debut, fin, precision, approximatif }).toEqual({
          debut: c.attendu!.debut, fin: c.attendu!.fin, precision: c.attendu!.precision, approximatif: c.attendu!.approximatif,
        });
        expect(result.value.ouvert ?? false).toBe(c.attendu!.ouvert ?? false);
        expect(result.value.texte).toBe(c.texte);
      });
    } else {
      it(`refuses « ${c.texte} » (${c.erreur})`, () => {
        const result = parseFuzzyDate(c.texte, { annual: true });
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.message).toMatch(/Formes acceptées/);
      });
    }
  }
});
