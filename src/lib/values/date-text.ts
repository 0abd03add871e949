/**
 * Dates in French words at the precision the source gives them: a bound known to
 * the month is "mars 2024", never "2024-03-01". Works on the inclusive ISO bounds
 * of normalised calendars (src/lib/values/calendar.ts).
 */
import { fr } from '../i18n/fr.ts';
import { daysInMonth, type Precision } from './fuzzy-date.ts';

const pad = (n: number) => String(n).padStart(2, '0');
const UNIT_MONTHS: Record<Exclude<Precision, 'jour'>, number> = { mois: 1, trimestre: 3, saison: 3, semestre: 6, annee: 12 };

/** First month of the unit of `precision` holding `month`; ≤ 0 for a winter that began the year before. */
function unitFirstMonth(month: number, precision: Exclude<Precision, 'jour'>): number {
  switch (precision) {
    case 'mois':
      return month;
    case 'trimestre':
      return month - ((month - 1) % 3);
    // Meteorological seasons, as in fuzzy-date.ts: Dec–Feb, Mar–May, Jun–Aug, Sep–Nov.
    case 'saison':
      return month - ((month + 9) % 3);
    case 'semestre':
      return month <= 6 ? 1 : 7;
    case 'annee':
      return 1;
  }
}

/** The unit (day, month, quarter, season, semester, year) of `precision` that holds the ISO day `iso`, inclusive. */
export function unitOf(iso: string, precision: Precision): { debut: string; fin: string } {
  if (precision === 'jour') return { debut: iso, fin: iso };
  const [y, m] = iso.split('-').map(Number) as [number, number];
  let first = unitFirstMonth(m, precision);
  let year = y;
  if (first <= 0) {
    first += 12;
    year -= 1;
  }
  let last = first + UNIT_MONTHS[precision] - 1;
  let lastYear = year;
  if (last > 12) {
    last -= 12;
    lastYear += 1;
  }
  return { debut: `${year}-${pad(first)}-01`, fin: `${lastYear}-${pad(last)}-${pad(daysInMonth(lastYear, last))}` };
}

const SEASON_OF_MONTH: Record<number, keyof typeof fr.calendrier.saisons> = { 3: 'printemps', 6: 'ete', 9: 'automne', 12: 'hiver' };

/**
 * "15 mars 2024", "1er mars 2024", "mars 2024", "T1 2024", "1er semestre 2024",
 * "printemps 2024", "hiver 2023" (December 2023 to February 2024, as the source
 * writes it), "2024": the unit of `precision` that holds the day `iso`.
 */
export function dateText(iso: string, precision: Precision | null): string {
  const p = precision ?? 'jour';
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  if (p === 'jour') return `${d === 1 ? '1er' : d} ${fr.mois[m - 1]} ${y}`;
  const unit = unitOf(iso, p);
  const [uy, um] = unit.debut.split('-').map(Number) as [number, number];
  switch (p) {
    case 'mois':
      return `${fr.mois[um - 1]} ${uy}`;
    case 'trimestre':
      return `T${Math.ceil(um / 3)} ${uy}`;
    case 'semestre':
      return `${fr.calendrier.semestres[um <= 6 ? 0 : 1]} ${uy}`;
    case 'saison':
      return `${fr.calendrier.saisons[SEASON_OF_MONTH[um]!]} ${uy}`;
    case 'annee':
      return String(uy);
  }
}

/**
 * An inclusive period in words, each bound at its own precision: "avril 2019 –
 * septembre 2021", "2023 – 2025", "T3 2024" when both bounds name the same unit.
 * `fin` null: only the start is known (the caller says why).
 */
export function periodText(debut: string, fin: string | null, precisionDebut: Precision | null, precisionFin: Precision | null): string {
  const start = dateText(debut, precisionDebut);
  if (fin === null) return start;
  const end = dateText(fin, precisionFin);
  return start === end ? start : `${start} – ${end}`;
}
