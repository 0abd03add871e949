/**
 * What a page shows of the progress log: the status badge in words with its date, the
 * entries newest first with their dates at their precision, the milestones reached or
 * late, why a sheet is late, and a roll-up in words. Computed here, laid out by Astro.
 */
import { fr } from '../i18n/fr.ts';
import type { ModelDate, ModelProgressSummary, ModelSheet } from '../model/types.ts';
import { dateText } from '../values/date-text.ts';
import type { Precision } from '../values/fuzzy-date.ts';

/** A progress date in words at its precision (« mars 2024 », « 15 juin 2024 »), else as written. */
export function progressDateText(d: ModelDate): string {
  return d.debut ? dateText(d.debut, (d.precision as Precision | null) ?? 'jour') : d.texte;
}

/** « En cours depuis mars 2024 », « Réalisée depuis le 30 septembre 2024 », or the status alone. */
export function statusBadge(s: Pick<ModelSheet, 'statut_actuel' | 'statut_depuis'>): string | null {
  if (!s.statut_actuel) return null;
  const name = fr.statuts[s.statut_actuel] ?? s.statut_actuel;
  if (!s.statut_depuis) return `${fr.fiche.statut} : ${name}`;
  const when = progressDateText(s.statut_depuis);
  return fr.suivi.statutDepuis(name, s.statut_depuis.precision === 'jour' ? `le ${when}` : when);
}

/** Why the sheet is late, in words, or null. */
export function latenessText(s: Pick<ModelSheet, 'en_retard' | 'retard' | 'calendrier'>): string | null {
  if (!s.en_retard) return null;
  const reasons: string[] = [];
  if (s.retard.fin_depassee && s.calendrier?.fin) reasons.push(fr.suivi.finDepassee(dateText(s.calendrier.fin, s.calendrier.precision_fin ?? 'jour')));
  if (s.retard.jalons_depasses.length) reasons.push(fr.suivi.jalonsDepasses(s.retard.jalons_depasses));
  return `${reasons.join(' ; ')}.`.replace(/^./, (c) => c.toUpperCase());
}

export interface TimelineItem {
  datetime: string | null;
  date: string;
  statut: string | null;
  avancement: string | null;
  texte: string;
  valeurs: string[];
  jalons: string[];
  lien: { titre: string; url: string } | null;
}

/** The entries, newest first, ready to show. */
export function timeline(s: Pick<ModelSheet, 'suivi' | 'indicateurs'>): TimelineItem[] {
  return s.suivi.map((e) => ({
    datetime: e.date.precision === 'jour' ? e.date.debut : e.date.debut?.slice(0, e.date.precision === 'annee' ? 4 : 7) ?? null,
    date: progressDateText(e.date),
    statut: e.statut ? fr.statuts[e.statut] ?? e.statut : null,
    avancement: e.avancement === null ? null : fr.suivi.avancementValeur(e.avancement),
    texte: e.texte,
    valeurs: e.valeurs.map((v) => {
      const unit = s.indicateurs.find((i) => i.libelle === v.indicateur)?.unite;
      return `${v.indicateur} : ${v.texte}${unit && !v.texte.includes(unit) ? ` ${unit}` : ''}`;
    }),
    jalons: e.jalons_atteints,
    lien: e.lien,
  }));
}

export interface MilestoneRow { libelle: string; date: string; etat: string; enRetard: boolean; atteint: boolean }

/** The calendar's milestones with their state at the build date (only on a sheet that keeps a log). */
export function milestoneRows(s: Pick<ModelSheet, 'jalons_suivi' | 'suivi'>, today: string): MilestoneRow[] {
  if (!s.suivi.length) return [];
  return s.jalons_suivi.map((j) => ({
    libelle: j.libelle,
    date: j.date.texte,
    etat: j.atteint_le ? fr.suivi.atteint(progressDateText(j.atteint_le)) : j.en_retard ? fr.suivi.jalonEnRetard : j.date.fin && j.date.fin < today ? fr.suivi.nonAtteint : fr.suivi.aVenir,
    enRetard: j.en_retard,
    atteint: j.atteint_le !== null,
  }));
}

export interface SummaryBar { key: string; label: string; count: number; percent: number }

/** Counts by status in a fixed order, each with its share for the bar and its words. */
export function summaryBars(summary: ModelProgressSummary): SummaryBar[] {
  const order = ['realisee', 'en_cours', 'a_lancer', 'suspendue', 'abandonnee', 'non_renseigne'];
  return order
    .filter((k) => summary.par_statut[k])
    .map((key) => {
      const count = summary.par_statut[key]!;
      const label = key === 'non_renseigne' ? fr.suivi.nonRenseigne : (count > 1 ? fr.statutsPluriel : fr.statuts)[key]!.toLowerCase();
      return { key, label, count, percent: summary.fiches ? (100 * count) / summary.fiches : 0 };
    });
}

export interface NewsItem { sheetId: string; sheet: string; datetime: string | null; date: string; texte: string }

/** The newest progress entries over `sheets`, newest first (at most `max`). */
export function latestNews(sheets: readonly ModelSheet[], max = 5): NewsItem[] {
  return sheets
    .flatMap((f) => f.suivi.map((e) => ({ f, e })))
    .sort((a, b) => (b.e.date.debut ?? '').localeCompare(a.e.date.debut ?? '') || (b.e.date.fin ?? '').localeCompare(a.e.date.fin ?? ''))
    .slice(0, max)
    .map(({ f, e }) => ({
      sheetId: f.id,
      sheet: `${f.code ? `${f.code} ` : ''}${f.titre}`,
      datetime: e.date.debut,
      date: progressDateText(e.date),
      texte: e.texte,
    }));
}

/** Whether a set of sheets has anything to summarise: at least one keeps a progress log. */
export const hasProgress = (sheets: readonly ModelSheet[]) => sheets.some((f) => f.suivi.length > 0);
