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

describe('messages for a date written almost right', () => {
  const why = (texte: string) => {
    const result = parseFuzzyDate(texte);
    expect(result.ok).toBe(false);
    // The French text an editor reads, without the list of accepted forms that follows it.
    return result.ok ? '' : result.message.replace(/ Formes acceptées : .*$/, '');
  };

  it('says that guillemets around a date are the problem', () => {
    expect(why('« 2024 »')).toBe('« « 2024 » » n\'est pas une date lisible : les guillemets qui l\'entourent font partie du texte : retirez-les et écrivez seulement 2024 (si le YAML exige des guillemets, prenez des guillemets droits : "2024").');
    expect(why('“fin 2024”')).toBe('« “fin 2024” » n\'est pas une date lisible : les guillemets qui l\'entourent font partie du texte : retirez-les et écrivez seulement fin 2024 (si le YAML exige des guillemets, prenez des guillemets droits : "fin 2024").');
  });

  it('points an English quarter or half-year to its French form', () => {
    for (const texte of ['Q3 2024', '2024-Q3', 'q3-2024']) {
      expect(why(texte)).toBe(`« ${texte} » n'est pas une date lisible : « Q3 » est l'abréviation anglaise du trimestre : écrivez « T3 2024 » (ou « 2024-T3 »).`);
    }
    expect(why('H2 2024')).toBe('« H2 2024 » n\'est pas une date lisible : « H2 » est l\'abréviation anglaise du semestre : écrivez « S2 2024 » (ou « 2e semestre 2024 »).');
    expect(parseFuzzyDate('T3 2024')).toMatchObject({ ok: true, value: { debut: '2024-07-01', fin: '2024-09-30' } });
  });

  it('asks for the school year of a « rentrée », as tests/fixtures/dates-fr.json writes it', () => {
    expect(why('rentrée 2024')).toBe('« rentrée 2024 » n\'est pas une date lisible : précisez l\'année scolaire : écrivez « rentrée 2024/2025 » pour la rentrée de septembre 2024.');
    expect(why('pour la rentrée scolaire 2024')).toMatch(/écrivez « rentrée 2024\/2025 »/);
    // The form suggested is read as the reference reads « rentrée 2014/2015 »: September of its first year.
    expect(parseFuzzyDate('rentrée 2024/2025')).toMatchObject({ ok: true, value: { debut: '2024-09-01', fin: '2024-09-30', approximatif: true } });
  });
});
