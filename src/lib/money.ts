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
const MULTIPLIERS: Record<string, number> = { '': 1, k: 1_000, m: 1_000_000, md: 1_000_000_000 };

function toNumber(raw: string): number {
  const compact = raw.replace(/[ \u00a0\u202f]/g, '');
  // "1.500" with a three-digit group is a thousands separator; "0.85" is a decimal point.
  const normalised = /^\d{1,3}(\.\d{3})+$/.test(compact) ? compact.replace(/\./g, '') : compact.replace(',', '.');
  return Number(normalised);
}

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
    String.raw`(?<lower>\+ ?de |plus de |au moins |minimum )?(?:(?<from>${NUMBER}) ?(?:-|–|à) ?)?(?<value>${NUMBER}) ?(?<mult>k|m|md)? ?(?<unit>€|euros?\b|eur\b|etp\b|%)`,
    'giu',
  );
  for (const match of s.matchAll(re)) {
    const g = match.groups!;
    const unitWord = g.unit!.toLowerCase();
    const unite: MoneyUnit = unitWord === '%' ? 'pourcent' : unitWord === 'etp' ? 'ETP' : 'EUR';
    const multiplier = unite === 'EUR' ? MULTIPLIERS[(g.mult ?? '').toLowerCase()]! : 1;
    let max = toNumber(g.value!) * multiplier;
    let min = max;
    if (g.from) {
      let from = toNumber(g.from) * multiplier;
      // "12-15 000 €": the thousands written once apply to both ends.
      if (from < max / 100 && /[ \u00a0\u202f.]\d{3}$/.test(g.value!)) {
        const groups = (g.value!.match(/[ \u00a0\u202f.]\d{3}/g) ?? []).length;
        from *= 1000 ** groups;
      }
      min = from;
    }
    const after = s.slice((match.index ?? 0) + match[0].length);
    const before = foldForMatch(s.slice(Math.max(0, (match.index ?? 0) - 40), match.index));
    const periodicite = periodicityAfter(after) ?? (/\bannuel(le)?\b/.test(before) ? 'an' : null);
    montants.push({
      min,
      max: g.lower ? null : max,
      unite,
      periodicite,
      texte: match[0].trim(),
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
