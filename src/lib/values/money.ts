/**
 * Amounts and means as French sources write them. The text is always kept; the
 * amounts it contains are extracted so that budgets can be summed, sorted and
 * exported. Text with no amount ("A déterminer", "% du temps de travail…") is
 * a valid means, not an error.
 */
import { foldForMatch, stripTags } from './text.ts';

export type MoneyUnit = 'EUR' | 'ETP' | 'pourcent';
export type Periodicity = 'an' | 'mois' | null;

export interface Amount {
  /** Lower and upper bounds, in euros (or FTE, or percent). Equal for an exact amount. */
  min: number;
  /** Null for an open lower bound ("+ de 60 000 €/an"). */
  max: number | null;
  unite: MoneyUnit;
  periodicite: Periodicity;
  /** The words the amount was read from. */
  texte: string;
}

export interface Money {
  texte: string;
  montants: Amount[];
}

const NUMBER = String.raw`\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?`;
/** "k€", "M€", "Md€", "M d'€", "millions d'euros", "milliard d'€". */
const MULT = String.raw`k|mds?|mrds?|m|millions?|milliards?`;
const MULTIPLIERS: Record<string, number> = { '': 1, k: 1_000, m: 1_000_000, million: 1_000_000, md: 1_000_000_000, mrd: 1_000_000_000, milliard: 1_000_000_000 };
const multiplier = (word: string | undefined) => MULTIPLIERS[(word ?? '').toLowerCase().replace(/s$/, '')]!;

function toNumber(raw: string): number {
  const compact = raw.replace(/[ \u00a0\u202f]/g, '');
  // "1.500" with a three-digit group is a thousands separator; "0.85" is a decimal point.
  const normalised = /^\d{1,3}(\.\d{3})+$/.test(compact) ? compact.replace(/\./g, '') : compact.replace(',', '.');
  return Number(normalised);
}

/** Scales without floating-point noise: 3,8 M€ is 3 800 000, not 3 799 999.999…. */
const scale = (n: number, by: number) => (by === 1 ? n : Math.round(n * by * 100) / 100);

function periodicityAfter(rest: string): Periodicity {
  const r = foldForMatch(rest);
  if (/^\s*(\/ ?an\b|par an\b|annuel|chaque annee|\/ ?annee\b|en annee pleine|.{0,80}\b(?:sur|en) (?:une )?annee pleine)/.test(r)) return 'an';
  if (/^\s*(\/ ?mois\b|par mois\b|mensuel)/.test(r)) return 'mois';
  return null;
}

/** Finds every amount in a means text. */
export function parseMoney(raw: string): Money {
  const texte = raw;
  const s = stripTags(raw).replace(/\s+/g, ' ');
  const montants: Amount[] = [];
  const re = new RegExp(
    String.raw`(?<![\d.,])(?<lower>\+ ?de |plus de |au moins |minimum )?` +
      // "entre 20 et 30 K€", "entre 1 000 € et 6 000 €", or "12-15 000 €", "20 à 25 %".
      String.raw`(?:entre (?<between>${NUMBER}) ?(?:(?<bmult>${MULT})\.? ?(?:d['’] ?|de )?)?(?<bunit>€|euros?\b|eur\b|%)? ?et |(?<from>${NUMBER}) ?(?:-|–|à) ?)?` +
      String.raw`(?<value>${NUMBER}) ?(?:(?<mult>${MULT})\.? ?(?:d['’] ?|de )?)?(?<unit>€|euros?\b|eur\b|etp\b|%)`,
    'giud',
  );
  for (const match of s.matchAll(re)) {
    const g = match.groups!;
    const unitWord = g.unit!.toLowerCase();
    const unite: MoneyUnit = unitWord === '%' ? 'pourcent' : unitWord === 'etp' ? 'ETP' : 'EUR';
    const by = unite === 'EUR' ? multiplier(g.mult) : 1;
    const max = scale(toNumber(g.value!), by);
    let min = max;
    let start = match.index ?? 0;
    if (g.between) {
      // The multiplier written once applies to both ends, unless the lower end has its own unit.
      const own = g.bmult || g.bunit;
      min = scale(toNumber(g.between), unite === 'EUR' ? (own ? multiplier(g.bmult) : by) : 1);
    } else if (g.from) {
      let from = scale(toNumber(g.from), by);
      // "12-15 000 €": the thousands written once apply to both ends.
      if (from < max / 100 && /[ \u00a0\u202f.]\d{3}$/.test(g.value!)) {
        const groups = (g.value!.match(/[ \u00a0\u202f.]\d{3}/g) ?? []).length;
        from *= 1000 ** groups;
      }
      // A lower end above the upper one is not a range: "2022-2030 – 800 000 €" is a period, then an amount.
      if (from <= max) min = from;
      else start = match.indices!.groups!.value![0];
    }
    const end = (match.index ?? 0) + match[0].length;
    const after = s.slice(end);
    const before = foldForMatch(s.slice(Math.max(0, start - 40), start));
    const periodicite = periodicityAfter(after) ?? (/\bannuel(le)?\b/.test(before) ? 'an' : null);
    montants.push({
      min,
      max: g.lower ? null : max,
      unite,
      periodicite,
      texte: s.slice(start, end).trim(),
    });
  }
  return { texte, montants };
}

const EURO = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** "12 000 – 15 000 € par an", for tables and exports. */
export function formatAmount(a: Amount): string {
  const unit = a.unite === 'EUR' ? '€' : a.unite === 'ETP' ? 'ETP' : '%';
  const value =
    a.max === null ? `plus de ${EURO.format(a.min)}` : a.min === a.max ? EURO.format(a.min) : `${EURO.format(a.min)} – ${EURO.format(a.max)}`;
  const period = a.periodicite === 'an' ? ' par an' : a.periodicite === 'mois' ? ' par mois' : '';
  return `${value}\u00a0${unit}${period}`;
}
