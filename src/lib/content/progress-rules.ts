/**
 * Rules on a sheet's progress log (« suivi »): the top-level status must agree with
 * the newest entry that carries one, no entry is dated after today, measured values
 * name an indicator of the sheet, reached milestones name a milestone of its calendar.
 * A roadmap's reports (« bilans ») follow the same date, value and milestone rules
 * against the roadmap's own indicators and milestones.
 */
import type { z } from 'zod';
import type { progressEntrySchema } from '../../../schemas/progress.ts';
import { parseFuzzyDate } from '../values/fuzzy-date.ts';
import { looseKey } from '../values/text.ts';
import type { Entry, MarkdownEntry, RoadmapData, SheetData } from './load.ts';
import type { PathSegment, Problem } from './problem.ts';
import { didYouMean } from './suggest.ts';

export type ProgressEntryData = z.infer<typeof progressEntrySchema>;

export interface DatedEntry<T> {
  entry: T;
  /** Position in the list as written. */
  index: number;
  debut: string | null;
  fin: string | null;
}

/** Entries from the oldest to the newest (by start, then end, then as written); undated ones first. */
export function progressChronology<T extends { date: string | number }>(entries: readonly T[]): DatedEntry<T>[] {
  return entries
    .map((entry, index) => {
      const parsed = parseFuzzyDate(String(entry.date));
      return { entry, index, debut: parsed.ok ? parsed.value.debut : null, fin: parsed.ok ? parsed.value.fin : null };
    })
    .sort((a, b) => (a.debut ?? '').localeCompare(b.debut ?? '') || (a.fin ?? '').localeCompare(b.fin ?? '') || a.index - b.index);
}

/** The newest entry that carries a status, or null. */
export function latestStatusEntry<T extends { date: string | number; statut?: string | undefined }>(entries: readonly T[]): DatedEntry<T> | null {
  const withStatus = progressChronology(entries).filter((d) => d.entry.statut !== undefined);
  return withStatus[withStatus.length - 1] ?? null;
}

/** The key an indicator is known by in « valeurs »: its label, compared loosely. */
export const indicatorKey = (label: string) => looseKey(label);

/** The labels of the indicators of a sheet or of a roadmap (both use the same list). */
export function indicatorLabels(owner: { indicateurs?: SheetData['indicateurs'] }): string[] {
  return (owner.indicateurs ?? []).map((i) => (typeof i === 'string' ? i : i.libelle));
}

function milestoneLabels(calendar: SheetData['calendrier']): string[] {
  return calendar !== undefined && typeof calendar === 'object' ? (calendar.jalons ?? []).map((j) => j.libelle) : [];
}

type Report = (entry: Entry<unknown>, path: PathSegment[], message: string) => void;

/** What a dated entry (a sheet's progress step, a roadmap's report) may name, and the words its errors use. */
interface DatedLog {
  entries: ReadonlyArray<{ date: string | number; valeurs?: Record<string, unknown> | undefined; jalons_atteints?: string[] | undefined }>;
  path: PathSegment[];
  indicators: readonly string[];
  milestones: readonly string[];
  words: LogWords;
}

interface LogWords {
  future: (date: string, today: string) => string;
  /** « de la fiche », « de la feuille de route ». */
  indicatorsOf: string;
  /** Why no indicator can match: « la fiche n'a pas d'« indicateurs » ». */
  noIndicators: string;
  /** « du calendrier », « de la feuille de route ». */
  milestonesOf: string;
  noMilestones: string;
  /** Where a milestone is declared: « calendrier.jalons », « jalons ». */
  milestonesField: string;
}

const SHEET_WORDS: LogWords = {
  future: (date, today) => `L'étape de suivi est datée « ${date} », après la date de publication (${today}) : le suivi ne dit que ce qui a déjà eu lieu. Vérifiez l'année ; une étape encore à venir se note dans « calendrier.jalons ».`,
  indicatorsOf: 'de la fiche',
  noIndicators: 'la fiche n\'a pas d\'« indicateurs »',
  milestonesOf: 'du calendrier',
  noMilestones: 'le calendrier n\'a pas de « jalons »',
  milestonesField: 'calendrier.jalons',
};

const ROADMAP_WORDS: LogWords = {
  future: (date, today) => `Le bilan est daté « ${date} », après la date de publication (${today}) : un bilan ne dit que ce qui a déjà eu lieu. Vérifiez l'année ; une étape encore à venir se note dans « jalons ».`,
  indicatorsOf: 'de la feuille de route',
  noIndicators: 'la feuille de route n\'a pas d\'« indicateurs »',
  milestonesOf: 'de la feuille de route',
  noMilestones: 'la feuille de route n\'a pas de « jalons »',
  milestonesField: 'jalons',
};

/** No entry after today; measured values name an indicator, reached milestones a milestone (loosely, with a did-you-mean). */
function checkDatedLog(owner: Entry<unknown>, { entries, path, indicators, milestones, words }: DatedLog, today: string, report: Report): void {
  entries.forEach((entry, i) => {
    const at = [...path, i];
    const parsed = parseFuzzyDate(String(entry.date));
    if (parsed.ok && parsed.value.debut && parsed.value.debut > today) report(owner, [...at, 'date'], words.future(String(entry.date), today));
    for (const key of Object.keys(entry.valeurs ?? {})) {
      if (indicators.some((label) => indicatorKey(label) === indicatorKey(key))) continue;
      report(owner, [...at, 'valeurs', key], indicators.length
        ? `« ${key} » n'est l'intitulé d'aucun indicateur ${words.indicatorsOf}.${didYouMean(key, indicators)} Écrivez le « libelle » d'un des indicateurs : ${indicators.map((l) => `« ${l} »`).join(', ')}.`
        : `« ${key} » n'est l'intitulé d'aucun indicateur : ${words.noIndicators}. Déclarez d'abord l'indicateur dans « indicateurs », puis reprenez son « libelle » ici.`);
    }
    entry.jalons_atteints?.forEach((label, j) => {
      if (milestones.some((m) => looseKey(m) === looseKey(label))) return;
      report(owner, [...at, 'jalons_atteints', j], milestones.length
        ? `« ${label} » n'est le libellé d'aucun jalon ${words.milestonesOf}.${didYouMean(label, milestones)} Écrivez le « libelle » d'un des jalons : ${milestones.map((l) => `« ${l} »`).join(', ')}.`
        : `« ${label} » n'est le libellé d'aucun jalon : ${words.noMilestones}. Déclarez d'abord le jalon dans « ${words.milestonesField} », puis reprenez son « libelle » ici.`);
    });
  });
}

export function checkProgress(sheet: MarkdownEntry<SheetData>, today: string, report: Report): void {
  const indicators = indicatorLabels(sheet.data);
  const sheetMilestones = milestoneLabels(sheet.data.calendrier);
  const logs: DatedLog[] = [];
  if (sheet.data.suivi) logs.push({ entries: sheet.data.suivi, path: ['suivi'], indicators, milestones: sheetMilestones, words: SHEET_WORDS });
  sheet.data.sous_actions?.forEach((sub, i) => {
    if (sub.suivi) logs.push({ entries: sub.suivi, path: ['sous_actions', i, 'suivi'], indicators, milestones: [...milestoneLabels(sub.calendrier), ...sheetMilestones], words: SHEET_WORDS });
  });
  for (const log of logs) checkDatedLog(sheet, log, today, report);

  // The current status comes from the log: a top-level status that says otherwise is an error at both lines.
  const written = sheet.data.statut;
  const latest = sheet.data.suivi ? latestStatusEntry(sheet.data.suivi) : null;
  if (written !== undefined && latest && latest.entry.statut !== written) {
    const topLine = sheet.locate(['statut']).ligne;
    const entryPath: PathSegment[] = ['suivi', latest.index, 'statut'];
    const entryLine = sheet.locate(entryPath).ligne;
    report(sheet, ['statut'], `« statut: ${written} » contredit le suivi : l'étape la plus récente qui porte un statut (« ${latest.entry.date} », ligne ${entryLine}) dit « ${latest.entry.statut} ». Le statut actuel vient du suivi : retirez « statut » ici, ou écrivez « statut: ${latest.entry.statut} ».`);
    report(sheet, entryPath, `Ce statut « ${latest.entry.statut} », le plus récent du suivi, contredit « statut: ${written} » en tête de fiche (ligne ${topLine}). Le statut actuel vient du suivi : corrigez l'une des deux lignes.`);
  }
}

/** A roadmap's reports (« bilans »): dated no later than today, naming the roadmap's own indicators and milestones. */
export function checkRoadmapReviews(roadmap: MarkdownEntry<RoadmapData>, today: string, report: Report): void {
  const r = roadmap.data;
  if (!r.bilans) return;
  checkDatedLog(roadmap, {
    entries: r.bilans,
    path: ['bilans'],
    indicators: indicatorLabels(r),
    milestones: (r.jalons ?? []).map((j) => j.libelle),
    words: ROADMAP_WORDS,
  }, today, report);
}
