/**
 * What a sheet's progress log (« suivi ») says at a given date: its current status and
 * since when, its latest progress, its late flags, the milestones it reached, the values
 * it measured; and roll-ups over sets of sheets. Pure: "today" is always passed in.
 */
import type { SheetData } from '../content/load.ts';
import { indicatorLabels, latestStatusEntry, progressChronology, type ProgressEntryData } from '../content/progress-rules.ts';
import type { Calendar } from '../values/calendar.ts';
import { parseFuzzyDate } from '../values/fuzzy-date.ts';
import { parseIndicatorValue } from '../values/indicator.ts';
import { looseKey } from '../values/text.ts';
import type {
  ModelDate, ModelIndicator, ModelLateness, ModelMilestoneProgress, ModelProgressEntry, ModelFreshness, ModelProgressSummary, ModelReview, ModelSheet,
} from './types.ts';

/** Statuses after which a sheet can no longer be late. */
const CLOSED = new Set(['realisee', 'abandonnee']);
export const UNKNOWN_STATUS = 'non_renseigne';

export function modelDate(value: string | number): ModelDate {
  const r = parseFuzzyDate(String(value));
  return { texte: String(value), debut: r.ok ? r.value.debut : null, fin: r.ok ? r.value.fin : null, precision: r.ok ? r.value.precision : null };
}

/** The log as published: newest first, each measured value under its indicator's own label. */
export function progressEntries(entries: readonly ProgressEntryData[] | undefined, indicatorLabels: readonly string[]): ModelProgressEntry[] {
  return progressChronology(entries ?? [])
    .reverse()
    .map(({ entry }) => ({
      date: modelDate(entry.date),
      texte: entry.texte,
      statut: entry.statut ?? null,
      avancement: entry.avancement ?? null,
      valeurs: measuredValues(entry.valeurs, indicatorLabels),
      jalons_atteints: entry.jalons_atteints ?? [],
      lien: entry.lien ?? null,
    }));
}

/** Values measured at a date (a progress entry's, a report's), each under the label of the indicator it names. */
export function measuredValues(valeurs: Record<string, string | number> | undefined, indicatorLabels: readonly string[]): ModelProgressEntry['valeurs'] {
  const label = (key: string) => indicatorLabels.find((l) => looseKey(l) === looseKey(key)) ?? key;
  return Object.entries(valeurs ?? {}).map(([k, v]) => {
    const parsed = parseIndicatorValue(v);
    return { indicateur: label(k), valeur: parsed.nombre, texte: parsed.texte };
  });
}

/**
 * The status of the newest entry that has one, and the date of the first entry of the
 * unbroken run of entries saying the same; else the sheet's own status, with no date.
 */
export function currentStatus(entries: readonly ProgressEntryData[] | undefined, written: string | undefined): { statut: string | null; depuis: ModelDate | null } {
  const latest = entries ? latestStatusEntry(entries) : null;
  if (!latest) return { statut: written ?? null, depuis: null };
  const withStatus = progressChronology(entries!).filter((d) => d.entry.statut !== undefined);
  let first = withStatus.length - 1;
  while (first > 0 && withStatus[first - 1]!.entry.statut === latest.entry.statut) first--;
  return { statut: latest.entry.statut!, depuis: modelDate(withStatus[first]!.entry.date) };
}

/** The newest « avancement » given, or null. */
export function latestAdvancement(entries: readonly ModelProgressEntry[]): number | null {
  return entries.find((e) => e.avancement !== null)?.avancement ?? null;
}

/** The newest entry's date: the log's last update. */
export function lastUpdate(entries: readonly ModelProgressEntry[]): ModelDate | null {
  return entries[0]?.date ?? null;
}

/**
 * Last data change (YYYY-MM-DD) of each content file, by its path from the project root
 * (the model's « fichier »): computed by the build from git (src/lib/export/freshness.ts),
 * handed in as data so that the model never reads git. Empty without a history.
 */
export type LastChanges = ReadonlyMap<string, string>;
export const NO_LAST_CHANGES: LastChanges = new Map();

/**
 * The newest progress entry when the sheet has one: its log is where news go, so a later
 * edit of the file (a typo fixed, a partner added) does not make old news fresh. Else the
 * file's last data change, which says at least when someone last looked after the sheet.
 * Null when neither is known (no log, no git history): never a guessed date.
 */
export function freshness(entries: readonly ModelProgressEntry[], lastChange: string | null): ModelFreshness | null {
  const entry = lastUpdate(entries);
  if (entry) return { source: 'suivi', date: entry };
  return lastChange ? { source: 'modification', date: modelDate(lastChange) } : null;
}

/** Entries that can reach milestones, newest first: a sheet's progress steps, a roadmap's reports. */
type Reaching = ReadonlyArray<{ date: ModelDate; jalons_atteints: readonly string[] }>;

/** Each milestone with the oldest entry that reached it; late when past and not reached, if `open` allows it. */
function reachedMilestones(jalons: ReadonlyArray<{ libelle: string; date: ModelDate }>, entries: Reaching, open: boolean, today: string): ModelMilestoneProgress[] {
  return jalons.map((j) => {
    // Entries are newest first: the oldest one that names the milestone is when it was reached.
    const reached = [...entries].reverse().find((e) => e.jalons_atteints.some((l) => looseKey(l) === looseKey(j.libelle)));
    return { libelle: j.libelle, date: j.date, atteint_le: reached?.date ?? null, en_retard: open && !reached && j.date.fin !== null && j.date.fin < today };
  });
}

/** Each milestone of the calendar, with the entry that reached it; late when past, not reached, on an open sheet that keeps a log. */
export function milestoneProgress(calendar: Calendar | null, entries: readonly ModelProgressEntry[], statut: string | null, today: string): ModelMilestoneProgress[] {
  const jalons = (calendar?.jalons ?? []).map((j) => ({ libelle: j.libelle, date: { texte: j.texte, debut: j.debut, fin: j.fin, precision: j.precision } }));
  return reachedMilestones(jalons, entries, entries.length > 0 && !CLOSED.has(statut ?? ''), today);
}

/** Statuses after which a roadmap's milestones can no longer be late. */
const ROADMAP_CLOSED = new Set(['achevee', 'remplacee']);

/**
 * A roadmap's own milestones, with the report that reached each; late when past, not
 * reached, on a roadmap that keeps reports (as a sheet must keep a log) and is neither
 * completed nor replaced.
 */
export function roadmapMilestones(jalons: ReadonlyArray<{ date: string | number; libelle: string }>, reviews: readonly ModelReview[], statut: string, today: string): ModelMilestoneProgress[] {
  const dated = jalons.map((j) => ({ libelle: j.libelle, date: modelDate(j.date) }));
  return reachedMilestones(dated, reviews, reviews.length > 0 && !ROADMAP_CLOSED.has(statut), today);
}

/**
 * Late at `today`: the planned end (its last day at its precision: « 2024 » ends on
 * 31 December) is past, or a milestone is past and not reached, and the sheet is
 * neither realised nor abandoned. A sheet whose status nobody gives is never called late.
 */
export function lateness(calendar: Calendar | null, statut: string | null, milestones: readonly ModelMilestoneProgress[], today: string): ModelLateness {
  if (statut === null || CLOSED.has(statut)) return { fin_depassee: false, jalons_depasses: [] };
  const end = calendar && !calendar.ouvert && !calendar.continu ? calendar.fin : null;
  return { fin_depassee: end !== null && end < today, jalons_depasses: milestones.filter((m) => m.en_retard).map((m) => m.libelle) };
}

/** Measured values of the log appended to their indicator's measures, in date order. */
export function withMeasures(indicators: ModelIndicator[], entries: ReadonlyArray<Pick<ModelProgressEntry, 'date' | 'valeurs'>>): ModelIndicator[] {
  return indicators.map((ind) => {
    const measured = [...entries]
      .reverse()
      .flatMap((e) => e.valeurs.filter((v) => looseKey(v.indicateur) === looseKey(ind.libelle)).map((v) => ({ date: e.date.texte, debut: e.date.debut, fin: e.date.fin, valeur: v.valeur, texte: v.texte })));
    if (!measured.length) return ind;
    const mesures = [...ind.mesures, ...measured].sort((a, b) => (a.debut ?? '').localeCompare(b.debut ?? ''));
    return { ...ind, mesures };
  });
}

/** Counts by current status, shares realised and late, mean progress where given. */
export function summarise(sheets: ReadonlyArray<Pick<ModelSheet, 'id' | 'statut_actuel' | 'en_retard' | 'avancement'>>): ModelProgressSummary {
  const par_statut: Record<string, number> = {};
  for (const s of sheets) par_statut[s.statut_actuel ?? UNKNOWN_STATUS] = (par_statut[s.statut_actuel ?? UNKNOWN_STATUS] ?? 0) + 1;
  const late = sheets.filter((s) => s.en_retard).map((s) => s.id);
  const given = sheets.map((s) => s.avancement).filter((a): a is number => a !== null);
  const share = (n: number) => (sheets.length ? n / sheets.length : null);
  return {
    fiches: sheets.length,
    par_statut,
    part_realisee: share(par_statut['realisee'] ?? 0),
    part_en_retard: share(late.length),
    avancement_moyen: given.length ? given.reduce((a, b) => a + b, 0) / given.length : null,
    fiches_en_retard: late,
  };
}

export const indicatorLabelsOf = indicatorLabels;
