/** Human-readable French forms of model values, computed once for the pages. */
import { fr } from '../i18n/fr.ts';
import type { Calendar } from '../values/calendar.ts';
import type { ModelActorRef, ModelRoadmap, ModelSheet } from '../model/types.ts';

/** "septembre 2023", "2e semestre 2023", "2023", "15 septembre 2023", from an inclusive ISO interval. */
export function formatInterval(debut: string | null, fin: string | null, precision: string | null): string {
  if (!debut) return '';
  const [y, m, d] = debut.split('-').map(Number) as [number, number, number];
  switch (precision) {
    case 'jour':
      return `${d === 1 ? '1er' : d} ${fr.mois[m - 1]} ${y}`;
    case 'mois':
      return `${fr.mois[m - 1]} ${y}`;
    case 'trimestre':
      return `T${Math.ceil(m / 3)} ${y}`;
    case 'semestre':
      return `${m <= 6 ? '1er' : '2e'} semestre ${y}`;
    case 'saison':
      return `${fr.mois[m - 1]} ${y} – ${fin ? `${fr.mois[Number(fin.slice(5, 7)) - 1]} ${fin.slice(0, 4)}` : ''}`;
    default:
      return String(y);
  }
}

/** The period of a calendar in plain words, from its normalised bounds. */
export function formatCalendarPeriod(cal: Calendar | null): string {
  if (!cal) return '';
  const start = cal.debut ? formatInterval(cal.debut, null, cal.precision_debut) : '';
  const end = cal.ouvert ? fr.calendrier.sansFin : cal.fin ? formatInterval(lastUnitStart(cal.fin, cal.precision_fin), null, cal.precision_fin) : '';
  if (start && end && start !== end) return `${start} – ${end}`;
  return start || end;
}

/** Start of the unit (month, quarter…) that ends on `fin`, so the end is named by its unit. */
function lastUnitStart(fin: string, precision: string | null): string {
  const [y, m] = fin.split('-').map(Number) as [number, number];
  const months = precision === 'trimestre' ? 3 : precision === 'semestre' ? 6 : precision === 'annee' ? 12 : precision === 'saison' ? 3 : 1;
  const startMonth = precision === 'jour' ? m : m - months + 1;
  return precision === 'jour' ? fin : `${y}-${String(startMonth).padStart(2, '0')}-01`;
}

export function formatRoadmapPeriod(rm: ModelRoadmap): string {
  const start = rm.periode.debut?.slice(0, 4);
  const end = rm.periode.fin?.slice(0, 4);
  if (start && end) return start === end ? start : `${start} – ${end}`;
  return start ?? end ?? '';
}

export function refNames(refs: readonly ModelActorRef[]): string {
  return refs.map((r) => r.nom).join(', ');
}

export interface Breakdown {
  key: string;
  label: string;
  count: number;
}

export function breakdown(sheets: readonly ModelSheet[], field: 'type' | 'statut'): Breakdown[] {
  const one = field === 'type' ? fr.types : fr.statuts;
  const many = field === 'type' ? fr.typesPluriel : fr.statutsPluriel;
  const counts = new Map<string, number>();
  for (const s of sheets) {
    const key = s[field] ?? '';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([key, count]) => ({ key, label: key ? ((count > 1 ? many : one)[key] ?? key).toLowerCase() : fr.accueil.statutNonPrecise, count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr'));
}

/** "A.1.2 Coordination…" or just the title. */
export function sheetLabel(sheet: Pick<ModelSheet, 'code' | 'titre'>): string {
  return sheet.code ? `${sheet.code} ${sheet.titre}` : sheet.titre;
}

/** "1er décembre 2026", the day (in UTC) of a git date such as "2026-12-01T23:30:00+01:00". */
export function formatChangeDate(gitDate: string): string {
  const t = Date.parse(gitDate);
  if (Number.isNaN(t)) return '';
  const day = new Date(t).toISOString().slice(0, 10);
  return formatInterval(day, day, 'jour');
}
