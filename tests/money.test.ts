import { describe, expect, it } from 'vitest';
import { formatAmount, parseMoney, type Amount } from '../src/lib/values/money.ts';

/** The amounts without the words they were read from. */
const amounts = (text: string) => parseMoney(text).montants.map(({ min, max, unite, periodicite }) => ({ min, max, unite, periodicite }));
const eur = (min: number, max: number | null = min, periodicite: Amount['periodicite'] = null) => ({ min, max, unite: 'EUR' as const, periodicite });

describe('parseMoney: plain amounts', () => {
  it('reads euros with a space, a no-break space, a thin space or nothing as thousands separator', () => {
    expect(amounts('Enveloppe budgétaire de 15 000€')).toEqual([eur(15000)]);
    expect(amounts('1\u00a0500 €')).toEqual([eur(1500)]);
    expect(amounts('5\u202f625 €')).toEqual([eur(5625)]);
    expect(amounts('5000 €')).toEqual([eur(5000)]);
    expect(amounts('1.500 €')).toEqual([eur(1500)]);
  });

  it('reads the currency written as a word', () => {
    expect(amounts('300 euros')).toEqual([eur(300)]);
    expect(amounts('1 000 EUR')).toEqual([eur(1000)]);
  });

  it('keeps the text and the words each amount was read from', () => {
    const m = parseMoney('Audit initial : 5 625 €');
    expect(m.texte).toBe('Audit initial : 5 625 €');
    expect(m.montants[0]!.texte).toBe('5 625 €');
  });

  it('reads every amount of a text, in order', () => {
    expect(amounts('Audit initial : 5 625 €, audit de suivi : 3 750 €')).toEqual([eur(5625), eur(3750)]);
  });
});

describe('parseMoney: K€ and M€', () => {
  it('multiplies by a thousand for k€ or K€, glued or not', () => {
    expect(amounts('(50% limité 30k€)')[1]).toEqual(eur(30000));
    expect(amounts('plus de 130 k€ de subventions')).toEqual([eur(130000, null)]);
  });

  it('multiplies by a million for M€, « M d’€ », « millions d’euros », and by a billion for Md€ and milliards', () => {
    expect(amounts('Ce programme d’une valeur de 80M€')).toEqual([eur(80_000_000)]);
    expect(amounts('147 M€')).toEqual([eur(147_000_000)]);
    expect(amounts('142 M d’€ d’investissement initial')).toEqual([eur(142_000_000)]);
    expect(amounts("10 millions d'euros")).toEqual([eur(10_000_000)]);
    expect(amounts('Une enveloppe de 10 millions €.')).toEqual([eur(10_000_000)]);
    expect(amounts('2 Md€')).toEqual([eur(2_000_000_000)]);
    expect(amounts("2 milliards d'euros")).toEqual([eur(2_000_000_000)]);
  });

  it('keeps decimals exact', () => {
    expect(amounts('3,8 M€')).toEqual([eur(3_800_000)]);
    expect(amounts('1.5 k€')).toEqual([eur(1500)]);
  });
});

describe('parseMoney: ranges', () => {
  it('applies thousands written once to both ends: « 12-15 000 € »', () => {
    expect(amounts("budget d'environ 12-15 000 €")).toEqual([eur(12000, 15000)]);
    expect(amounts('12 000 – 15 000 €')).toEqual([eur(12000, 15000)]);
  });

  it('applies a multiplier written once to both ends', () => {
    expect(amounts('20-30 k€')).toEqual([eur(20000, 30000)]);
    expect(amounts('entre 20 et 30 K€ pour 18 mois')).toEqual([eur(20000, 30000)]);
  });

  it('reads « entre … et … » with the unit on both ends', () => {
    expect(amounts('Redevance annuelle : entre 1 000 € et 6 000 €')).toEqual([eur(1000, 6000, 'an')]);
    expect(amounts('entre 300 € et 1000 €')).toEqual([eur(300, 1000)]);
    expect(amounts('entre 500 k€ et 1 M€')).toEqual([eur(500_000, 1_000_000)]);
  });

  it('does not take a period before an amount for the lower end of a range', () => {
    expect(amounts('2022-2030 – 800 000 €')).toEqual([eur(800000)]);
    expect(parseMoney('2022-2030 – 800 000 €').montants[0]!.texte).toBe('800 000 €');
  });
});

describe('parseMoney: lower bounds', () => {
  it('leaves the upper bound open for « + de », « plus de », « au moins »', () => {
    expect(amounts('+ de 60 000 €/an')).toEqual([eur(60000, null, 'an')]);
    expect(amounts('+de 5000 €/an')).toEqual([eur(5000, null, 'an')]);
    expect(amounts('plus de 7 M€')).toEqual([eur(7_000_000, null)]);
    expect(amounts('au moins 2 000 €')).toEqual([eur(2000, null)]);
  });
});

describe('parseMoney: periodicity', () => {
  it('reads « par an », « /an », « / an » and « chaque année » after the amount', () => {
    expect(amounts('600 € par an')).toEqual([eur(600, 600, 'an')]);
    expect(amounts('5000 €/an')).toEqual([eur(5000, 5000, 'an')]);
    expect(amounts('5000 € / an')).toEqual([eur(5000, 5000, 'an')]);
    expect(amounts("80 milliard d'€ chaque année")).toEqual([eur(80_000_000_000, 80_000_000_000, 'an')]);
  });

  it('reads « annuel » before or after the amount', () => {
    expect(amounts('Budget de fonctionnement annuel de 120 000 €')).toEqual([eur(120000, 120000, 'an')]);
    expect(amounts('Redevance annuelle : 1 000 €')).toEqual([eur(1000, 1000, 'an')]);
    expect(amounts('1 000 € annuels')).toEqual([eur(1000, 1000, 'an')]);
  });

  it('reads « en année pleine » and « sur une année pleine », even a few words later', () => {
    expect(amounts('15 300 € pour 11 postes en année pleine')).toEqual([eur(15300, 15300, 'an')]);
    expect(amounts("36 000 € sur la base d'un poste (charges comprises) sur une année pleine.")).toEqual([eur(36000, 36000, 'an')]);
  });

  it('reads « par mois », « /mois » and « mensuels »', () => {
    expect(amounts('400 € par mois')).toEqual([eur(400, 400, 'mois')]);
    expect(amounts('400 €/mois')).toEqual([eur(400, 400, 'mois')]);
    expect(amounts('400 € mensuels')).toEqual([eur(400, 400, 'mois')]);
  });

  it('does not take a duration for a periodicity', () => {
    expect(amounts('entre 20 et 30 K€ pour 18 mois')[0]!.periodicite).toBeNull();
    expect(amounts('1 000 €')[0]!.periodicite).toBeNull();
  });
});

describe('parseMoney: full-time equivalents and percentages', () => {
  it('reads ETP with a decimal comma or point, in parentheses or not', () => {
    const etp = (n: number) => ({ min: n, max: n, unite: 'ETP', periodicite: null });
    expect(amounts('1 ETP - Animatrice du réseau')).toEqual([etp(1)]);
    expect(amounts('Equipe des conseillers numériques du syndicat (9 ETP)')).toEqual([etp(9)]);
    expect(amounts('Membres du BiblioPôle chargés du numérique (1,2 ETP)')).toEqual([etp(1.2)]);
    expect(amounts('Un poste de coordination (0.85 ETP)')).toEqual([etp(0.85)]);
    expect(amounts('2 ETP techniciens')).toEqual([etp(2)]);
  });

  it('reads percentages, ranges of percentages and an open share', () => {
    const pct = (min: number, max: number | null = min) => ({ min, max, unite: 'pourcent', periodicite: null });
    expect(amounts("25% du coût total de l'événement avec un plafond de 1 500€")).toEqual([pct(25), eur(1500)]);
    expect(amounts('20 à 25 %')).toEqual([pct(20, 25)]);
    expect(amounts('dont plus de 20% supporté par Mayenne THD')).toEqual([pct(20, null)]);
  });
});

describe('parseMoney: texts without an amount', () => {
  it('accepts them with no amounts', () => {
    for (const text of [
      "% du temps de travail du chargé d'études du Service ingénierie territoriale du Département",
      'A Déterminer',
      'CNFPT, Association des Maires (à valider)',
      "L'action ne mobilise pas de financement spécifique.",
      '',
    ]) {
      expect(parseMoney(text)).toEqual({ texte: text, montants: [] });
    }
  });

  it('does not read counts, department numbers or years as amounts', () => {
    expect(amounts('1 à 2 contrats d’engagement en service civique')).toEqual([]);
    expect(amounts('Fonctions support de la fédération des centres sociaux 49/53')).toEqual([]);
    expect(amounts('Le montage du projet 2015-2019')).toEqual([]);
    expect(amounts('2 salariés Francas')).toEqual([]);
  });

  it('ignores HTML tags left by the extraction', () => {
    expect(amounts('<p>Budget : <b>1 000 €</b></p>')).toEqual([eur(1000)]);
  });
});

describe('formatAmount', () => {
  it('writes exact amounts, ranges, open bounds and periodicity in French', () => {
    expect(formatAmount({ ...eur(12000, 15000), texte: '' })).toBe('12\u202f000 – 15\u202f000\u00a0€');
    expect(formatAmount({ ...eur(60000, null, 'an'), texte: '' })).toBe('plus de 60\u202f000\u00a0€ par an');
    expect(formatAmount({ min: 1.2, max: 1.2, unite: 'ETP', periodicite: null, texte: '' })).toBe('1,2\u00a0ETP');
    expect(formatAmount({ min: 25, max: 25, unite: 'pourcent', periodicite: 'mois', texte: '' })).toBe('25\u00a0% par mois');
  });
});
