/** Everything `npm run validate` and the build share: load, check, build the model. */
import { join, resolve } from 'node:path';
import { buildShared } from '../build/build-share.ts';
import { headingProblems } from '../content/body-headings.ts';
import { checkCrossFileRules } from '../content/cross-rules.ts';
import { loadContent } from '../content/load.ts';
import { countErrors, shortenQuotes, sortProblems, type Problem } from '../content/problem.ts';
import { defaultToday } from '../values/today.ts';
import { buildModel } from './build.ts';
import { NO_LAST_CHANGES, type LastChanges } from './progress.ts';
import type { Model } from './types.ts';

export interface ValidationResult {
  ok: boolean;
  problems: Problem[];
  model: Model;
  /** The search's synonym groups (content/synonymes.yaml): not part of the published model. */
  synonymes: string[][];
}

/**
 * `npm run build` validates once, then shares its result with what runs later in the same
 * process (the integration's config hook, the pages' getSite()), which would otherwise
 * read and check the whole content tree twice more.
 */
const shared = buildShared<{ contentDir: string; today?: string; result: ValidationResult } | undefined>('validation-partagee');

export function shareValidation(contentDir: string, result: ValidationResult): void {
  shared.set({ contentDir: resolve(contentDir), result });
}

/** Forgets the shared result: `npm run dev` checks the content again after each change. */
export function forgetValidation(): void {
  shared.set(undefined);
}

/**
 * `today` (YYYY-MM-DD): the build date; by default JALONS_AUJOURDHUI, else the actual date.
 * `lastChanges`: the files' last data changes from git (src/lib/export/freshness.ts), for the
 * sheets' freshness, or a function that reads them, called only when the model is built here
 * (not when the build already shared its result); `npm run validate` does without.
 */
export function validateProject(
  projectRoot: string,
  contentDir = join(projectRoot, 'content'),
  today: string = defaultToday(),
  lastChanges: LastChanges | (() => LastChanges) = NO_LAST_CHANGES,
): ValidationResult {
  const done = shared.get();
  if (done && done.contentDir === resolve(contentDir) && (done.today === undefined || done.today === today)) return done.result;
  const content = loadContent(contentDir, projectRoot);
  const { index, problems } = checkCrossFileRules(content, today);
  // No message quotes more than a shortened value, whichever module wrote it.
  const all = sortProblems([...content.problems, ...problems, ...headingProblems(content)].map((p) => ({ ...p, message: shortenQuotes(p.message) })));
  return { ok: countErrors(all) === 0, problems: all, model: buildModel(content, index, today, typeof lastChanges === 'function' ? lastChanges() : lastChanges), synonymes: content.synonyms?.data.groupes.map((g) => g.termes) ?? [] };
}
