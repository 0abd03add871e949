/**
 * What a page shows of the progress log: the status badge in words with its date, the
 * entries newest first with their dates at their precision, the milestones reached or
 * late, why a sheet is late, and a roll-up in words. Computed here, laid out by Astro.
 */
import { fr } from '../i18n/fr.ts';
import type {
  ModelDate, ModelIndicator, ModelMilestoneProgress, ModelProgressEntry, ModelProgressSummary, ModelReview, ModelRoadmap, ModelSheet,
} from '../model/types.ts';
import { dateText } from '../values/date-text.ts';
import type { Precision } from '../values/fuzzy-date.ts';

/** A progress date in words at its precision (« mars 2024 », « 15 juin 2024 »), else as written. */
export function progressDateText(d: ModelDate): string {
  return d.debut ? dateText(d.debut, (d.precision as Precision | null) ?? 'jour') : d.texte;
}

/**
 * The sheet's freshness in words, saying where it comes from: its last progress entry at
 * its precision, else its data's last change in git, else that it has no progress entry.
 */
export function freshnessText(s: Pick<ModelSheet, 'fraicheur'>): string {
  const f = s.fraicheur;
  if (!f) return fr.suivi.fraicheurInconnue;
  const when = progressDateText(f.date);
  return f.source === 'suivi' ? fr.suivi.fraicheurSuivi(when) : fr.suivi.fraicheurModification(when);
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

/** « Aidants formés : 35 personnes »: a measured value with its indicator's unit when the value does not carry it. */
function valueText(v: ModelProgressEntry['valeurs'][number], indicators: readonly ModelIndicator[]): string {
  const unit = indicators.find((i) => i.libelle === v.indicateur)?.unite;
  return `${v.indicateur} : ${v.texte}${unit && !v.texte.includes(unit) ? ` ${unit}` : ''}`;
}

/** What a roadmap's report measured and reached, in words (« Valeurs mesurées », « Jalons atteints » lines). */
export function reviewFacts(b: Pick<ModelReview, 'valeurs' | 'jalons_atteints'>, indicators: readonly ModelIndicator[]): { valeurs: string[]; jalons: string[] } {
  return { valeurs: b.valeurs.map((v) => valueText(v, indicators)), jalons: b.jalons_atteints };
}

/** The entries, newest first, ready to show. */
export function timeline(s: Pick<ModelSheet, 'suivi' | 'indicateurs'>): TimelineItem[] {
  return s.suivi.map((e) => ({
    datetime: e.date.precision === 'jour' ? e.date.debut : e.date.debut?.slice(0, e.date.precision === 'annee' ? 4 : 7) ?? null,
    date: progressDateText(e.date),
    statut: e.statut ? fr.statuts[e.statut] ?? e.statut : null,
    avancement: e.avancement === null ? null : fr.suivi.avancementValeur(e.avancement),
    texte: e.texte,
    valeurs: e.valeurs.map((v) => valueText(v, s.indicateurs)),
    jalons: e.jalons_atteints,
    lien: e.lien,
  }));
}

export interface MilestoneRow { libelle: string; date: string; etat: string; enRetard: boolean; atteint: boolean }

/** A milestone's state at the build date, in words: reached (when), late, past and not reached, or to come. */
function milestoneRow(j: ModelMilestoneProgress, today: string): MilestoneRow {
  return {
    libelle: j.libelle,
    date: j.date.texte,
    etat: j.atteint_le ? fr.suivi.atteint(progressDateText(j.atteint_le)) : j.en_retard ? fr.suivi.jalonEnRetard : j.date.fin && j.date.fin < today ? fr.suivi.nonAtteint : fr.suivi.aVenir,
    enRetard: j.en_retard,
    atteint: j.atteint_le !== null,
  };
}

/** The calendar's milestones with their state at the build date (only on a sheet that keeps a log). */
export function milestoneRows(s: Pick<ModelSheet, 'jalons_suivi' | 'suivi'>, today: string): MilestoneRow[] {
  if (!s.suivi.length) return [];
  return s.jalons_suivi.map((j) => milestoneRow(j, today));
}

/** The roadmap's own milestones with their state at the build date: shown even without reports, as part of what the roadmap plans. */
export function roadmapMilestoneRows(rm: Pick<ModelRoadmap, 'jalons'>, today: string): MilestoneRow[] {
  return rm.jalons.map((j) => milestoneRow(j, today));
}

/** Whether the roadmap states objectives, indicators or milestones of its own (else its page shows no such section). */
export const hasRoadmapTargets = (rm: Pick<ModelRoadmap, 'objectifs' | 'indicateurs' | 'jalons'>) => rm.objectifs.length + rm.indicateurs.length + rm.jalons.length > 0;

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

/** How many of the roadmaps' sheets have at least one progress entry, out of how many. */
export function newsCoverage(roadmaps: readonly ModelRoadmap[]): { avec: number; fiches: number; texte: string } {
  const sheets = roadmaps.flatMap((rm) => rm.fiches);
  const avec = sheets.filter((f) => f.suivi.length > 0).length;
  return { avec, fiches: sheets.length, texte: fr.actualites.fichesAvecNouvelles(avec, sheets.length) };
}

/** Whether a set of sheets has anything to summarise: at least one keeps a progress log. */
export const hasProgress = (sheets: readonly ModelSheet[]) => sheets.some((f) => f.suivi.length > 0);

const percentText = (share: number | null) => (share === null ? '—' : `${String(Math.round(share * 100))} %`);

export interface RoadmapProgress {
  id: string;
  titre: string;
  /** Sheets that have a current status (given or from their log). */
  known: number;
  fiches: number;
  bars: SummaryBar[];
  /** « 20 % des fiches réalisées (1 sur 5) ». */
  realisee: string;
  enRetard: string;
  late: Array<{ id: string; label: string; why: string }>;
  /** « 3 fiches sur 5 ont au moins une étape de suivi. » */
  nouvelles: string;
}

/** Each roadmap's roll-up for the « Avancement » page, in words. */
export function roadmapsProgress(roadmaps: readonly ModelRoadmap[]): RoadmapProgress[] {
  return roadmaps.map((rm) => {
    const s = rm.synthese_suivi;
    const known = s.fiches - (s.par_statut['non_renseigne'] ?? 0);
    return {
      id: rm.id,
      titre: rm.titre_court ?? rm.titre,
      known,
      fiches: s.fiches,
      bars: summaryBars(s),
      realisee: fr.avancement.partRealisee(percentText(s.part_realisee), s.par_statut['realisee'] ?? 0, s.fiches),
      enRetard: fr.avancement.partEnRetard(percentText(s.part_en_retard), s.fiches_en_retard.length, s.fiches),
      nouvelles: newsCoverage([rm]).texte,
      late: s.fiches_en_retard.flatMap((id) => {
        const f = rm.fiches.find((x) => x.id === id);
        return f ? [{ id, label: `${f.code ? `${f.code} ` : ''}${f.titre}`, why: latenessText(f) ?? '' }] : [];
      }),
    };
  });
}

export interface NewsEntry {
  kind: 'suivi' | 'bilan';
  roadmapId: string;
  roadmap: string;
  /** The sheet's id for a progress entry, null for a roadmap report. */
  sheetId: string | null;
  /** Sheet code and title, or the report's title. */
  label: string;
  datetime: string | null;
  /** The date at its precision, in words. */
  date: string;
  /** First day of the date (ISO), for sorting and feeds. */
  day: string | null;
  /** Markdown. */
  texte: string;
  statut: string | null;
}

/** The `datetime` attribute of a date at its precision. */
export function datetimeOf(d: ModelDate): string | null {
  if (!d.debut) return null;
  return d.precision === 'jour' ? d.debut : d.debut.slice(0, d.precision === 'annee' ? 4 : 7);
}

/** A sheet's own progress entries as news, newest first (its news feed). */
export function sheetNews(rm: ModelRoadmap, f: ModelSheet): NewsEntry[] {
  return allNews([{ ...rm, fiches: [f], bilans: [] }]);
}

/** Every progress entry and every report of `roadmaps`, newest first (by start, then end of their date). */
export function allNews(roadmaps: readonly ModelRoadmap[], max = Infinity): NewsEntry[] {
  const items: Array<NewsEntry & { end: string }> = roadmaps.flatMap((rm) => {
    const roadmap = rm.titre_court ?? rm.titre;
    const base = { roadmapId: rm.id, roadmap };
    return [
      ...rm.fiches.flatMap((f) => f.suivi.map((e) => ({
        ...base, kind: 'suivi' as const, sheetId: f.id, label: `${f.code ? `${f.code} ` : ''}${f.titre}`,
        datetime: datetimeOf(e.date), date: progressDateText(e.date), day: e.date.debut, end: e.date.fin ?? '', texte: e.texte,
        statut: e.statut ? fr.statuts[e.statut] ?? e.statut : null,
      }))),
      ...rm.bilans.map((b) => ({
        ...base, kind: 'bilan' as const, sheetId: null, label: b.titre,
        datetime: datetimeOf(b.date), date: progressDateText(b.date), day: b.date.debut, end: b.date.fin ?? '', texte: b.texte ?? '', statut: null,
      })),
    ];
  });
  return items
    .sort((a, b) => (b.day ?? '').localeCompare(a.day ?? '') || b.end.localeCompare(a.end) || a.roadmapId.localeCompare(b.roadmapId) || a.label.localeCompare(b.label))
    .slice(0, max)
    .map(({ end: _end, ...n }) => n);
}
