/**
 * Rules on a sheet's progress log (« suivi »): the top-level status must agree with
 * the newest entry that carries one, no entry is dated after today, measured values
 * name an indicator of the sheet, reached milestones name a milestone of its calendar.
 */
import type { z } from 'zod';
import type { progressEntrySchema } from '../../../schemas/progress.ts';
import { parseFuzzyDate } from '../values/fuzzy-date.ts';
import { looseKey } from '../values/text.ts';
import type { Entry, MarkdownEntry, SheetData } from './load.ts';
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

export function indicatorLabels(sheet: SheetData): string[] {
  return (sheet.indicateurs ?? []).map((i) => (typeof i === 'string' ? i : i.libelle));
}

function milestoneLabels(calendar: SheetData['calendrier']): string[] {
  return calendar !== undefined && typeof calendar === 'object' ? (calendar.jalons ?? []).map((j) => j.libelle) : [];
}

type Report = (entry: Entry<unknown>, path: PathSegment[], message: string) => void;

export function checkProgress(sheet: MarkdownEntry<SheetData>, today: string, report: Report): void {
  const indicators = indicatorLabels(sheet.data);
  const sheetMilestones = milestoneLabels(sheet.data.calendrier);
  const logs: Array<{ entries: ProgressEntryData[]; path: PathSegment[]; milestones: string[] }> = [];
  if (sheet.data.suivi) logs.push({ entries: sheet.data.suivi, path: ['suivi'], milestones: sheetMilestones });
  sheet.data.sous_actions?.forEach((sub, i) => {
    if (sub.suivi) logs.push({ entries: sub.suivi, path: ['sous_actions', i, 'suivi'], milestones: [...milestoneLabels(sub.calendrier), ...sheetMilestones] });
  });

  for (const { entries, path, milestones } of logs) {
    entries.forEach((entry, i) => {
      const at = [...path, i];
      const parsed = parseFuzzyDate(String(entry.date));
      if (parsed.ok && parsed.value.debut && parsed.value.debut > today) {
        report(sheet, [...at, 'date'], `L'étape de suivi est datée « ${entry.date} », après la date de publication (${today}) : le suivi ne dit que ce qui a déjà eu lieu. Vérifiez l'année ; une étape encore à venir se note dans « calendrier.jalons ».`);
      }
      for (const key of Object.keys(entry.valeurs ?? {})) {
        if (indicators.some((label) => indicatorKey(label) === indicatorKey(key))) continue;
        report(sheet, [...at, 'valeurs', key], indicators.length
          ? `« ${key} » n'est l'intitulé d'aucun indicateur de la fiche.${didYouMean(key, indicators)} Écrivez le « libelle » d'un des indicateurs : ${indicators.map((l) => `« ${l} »`).join(', ')}.`
          : `« ${key} » n'est l'intitulé d'aucun indicateur : la fiche n'a pas d'« indicateurs ». Déclarez d'abord l'indicateur dans « indicateurs », puis reprenez son « libelle » ici.`);
      }
      entry.jalons_atteints?.forEach((label, j) => {
        if (milestones.some((m) => looseKey(m) === looseKey(label))) return;
        report(sheet, [...at, 'jalons_atteints', j], milestones.length
          ? `« ${label} » n'est le libellé d'aucun jalon du calendrier.${didYouMean(label, milestones)} Écrivez le « libelle » d'un des jalons : ${milestones.map((l) => `« ${l} »`).join(', ')}.`
          : `« ${label} » n'est le libellé d'aucun jalon : le calendrier n'a pas de « jalons ». Déclarez d'abord le jalon dans « calendrier.jalons », puis reprenez son « libelle » ici.`);
      });
    });
  }

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
