/**
 * Every date, duration and money expression that the source-analysis notes quote verbatim
 * (tests/fixtures/expressions-notes.json), run through the parsers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../src/lib/values/duration.ts';
import { parseFuzzyDate } from '../src/lib/values/fuzzy-date.ts';
import { parseMoney } from '../src/lib/values/money.ts';

interface Base {
  document: string;
  source: string;
  texte: string;
  contexte?: string;
  note?: string;
}
interface DateCase extends Base {
  annual?: boolean;
  attendu?: { debut: string | null; fin: string | null; precision: string | null; approximatif: boolean; ouvert?: boolean; continu?: boolean };
  erreur?: string;
}
interface DurationCase extends Base {
  duree: { quantite: number; unite: string } | null;
}
interface MoneyCase extends Base {
  montants: { min: number; max: number | null; unite: string; periodicite: string | null }[];
}
interface Fixture {
  documents: Record<string, string>;
  dates: DateCase[];
  durees: DurationCase[];
  montants: MoneyCase[];
  hors_sujet: (Omit<Base, 'note'> & { raison: string })[];
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/expressions-notes.json', import.meta.url), 'utf8')) as Fixture;
const label = (c: Base) => `« ${c.texte} » (${c.source})`;

describe('the fixture', () => {
  it('covers the five documents, each entry with a known document and a source in the notes', () => {
    const all = [...fixture.dates, ...fixture.durees, ...fixture.montants, ...fixture.hors_sujet];
    expect(new Set(all.map((c) => c.document))).toEqual(new Set(Object.keys(fixture.documents)));
    for (const c of all) expect(c.source, label(c)).toMatch(/^notes (anjou-scoran|mayenne-aisne-fiche3) §\d/);
  });

  it('gives each date either an expected interval or an error, and quotes the date inside its context', () => {
    for (const c of fixture.dates) {
      expect(Boolean(c.attendu) !== Boolean(c.erreur), label(c)).toBe(true);
      if (c.contexte) expect(c.contexte.toLowerCase(), label(c)).toContain(c.texte.toLowerCase());
    }
  });
});

describe('dates quoted in the notes', () => {
  for (const c of fixture.dates) {
    if (c.attendu) {
      const a = c.attendu;
      it(`reads ${label(c)}`, () => {
        const r = parseFuzzyDate(c.texte, { annual: c.annual ?? false });
        expect(r.ok, r.ok ? '' : r.message).toBe(true);
        if (!r.ok) return;
        const { debut, fin, precision, approximatif } = r.value;
        expect({ debut, fin, precision, approximatif, ouvert: r.value.ouvert ?? false, continu: r.value.continu ?? false }).toEqual({
          debut: a.debut, fin: a.fin, precision: a.precision, approximatif: a.approximatif, ouvert: a.ouvert ?? false, continu: a.continu ?? false,
        });
        expect(r.value.texte).toBe(c.texte);
      });
      if (c.annual) {
        it(`refuses ${label(c)} outside an annual schedule`, () => {
          const r = parseFuzzyDate(c.texte);
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.message).toMatch(/il manque l'année/);
        });
      }
    } else {
      it(`refuses ${label(c)}: ${c.erreur}`, () => {
        const r = parseFuzzyDate(c.texte, { annual: c.annual ?? false });
        expect(r.ok, r.ok ? JSON.stringify(r.value) : '').toBe(false);
        if (!r.ok) expect(r.message).toContain('Formes acceptées');
      });
    }
  }
});

describe('durations quoted in the notes', () => {
  for (const c of fixture.durees) {
    it(`${c.duree ? 'reads' : 'does not read'} ${label(c)}`, () => {
      expect(parseDuration(c.texte)).toEqual(c.duree);
    });
    it(`does not take ${label(c)} for a date`, () => {
      const r = parseFuzzyDate(c.texte, { annual: true });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toContain('Formes acceptées');
    });
  }
});

describe('money and means quoted in the notes', () => {
  for (const c of fixture.montants) {
    it(`reads ${c.montants.length} amount(s) in ${label(c)}`, () => {
      const r = parseMoney(c.texte);
      expect(r.texte).toBe(c.texte);
      expect(r.montants.map(({ min, max, unite, periodicite }) => ({ min, max, unite, periodicite }))).toEqual(c.montants);
    });
  }
});

describe('the general rules added for the notes, beyond the quoted strings', () => {
  const read = (text: string, annual = false) => {
    const r = parseFuzzyDate(text, { annual });
    return r.ok ? [r.value.debut, r.value.fin, r.value.precision, r.value.approximatif] : r.message;
  };

  it('accepts the words around a date, stacked, each once', () => {
    expect(read("à l'horizon de 2016")).toEqual(['2016-01-01', '2016-12-31', 'annee', true]);
    expect(read("dans le courant de l'année 2024")).toEqual(['2024-01-01', '2024-12-31', 'annee', true]);
    expect(read("au cours de l'année 2024")).toEqual(['2024-01-01', '2024-12-31', 'annee', true]);
    expect(read('courant septembre 2024')).toEqual(['2024-09-01', '2024-09-30', 'mois', true]);
    expect(read('depuis la rentrée 2014/2015')).toEqual(['2014-09-01', '2014-09-30', 'mois', true]);
    expect(read('le le 2024')).toMatch(/Formes acceptées/);
    expect(read('depuis')).toMatch(/Formes acceptées/);
  });

  it('reads the first or last month of a half-year or a quarter', () => {
    expect(read('début du 2e trimestre 2024')).toEqual(['2024-04-01', '2024-04-30', 'mois', true]);
    expect(read('fin du dernier semestre 2023')).toEqual(['2023-12-01', '2023-12-31', 'mois', true]);
    expect(read('fin du 3e semestre 2023')).toMatch(/deux semestres/);
  });

  it('says that the year is missing from a month outside an annual schedule', () => {
    expect(read('Mars')).toMatch(/il manque l'année/);
    expect(read('fin septembre')).toMatch(/il manque l'année/);
    expect(read('fin septembre', true)).toEqual(['--09-01', '--09-30', 'mois', true]);
  });

  it('still refuses what only looks like a date once the words are removed', () => {
    expect(read('en cours')).toMatch(/Formes acceptées/);
    expect(read('depuis 2 ans')).toMatch(/durée/);
    expect(read("l'année scolaire")).toMatch(/Formes acceptées/);
    expect(read('Année 1')).toMatch(/Formes acceptées/);
  });
});
