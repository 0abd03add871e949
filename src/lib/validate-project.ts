/** Everything `npm run validate` and the build share: load, check, build the model. */
import { join } from 'node:path';
import { checkCrossFileRules } from './content/cross-rules.ts';
import { loadContent } from './content/load.ts';
import { countErrors, sortProblems, type Problem } from './content/problem.ts';
import { buildModel } from './model/build.ts';
import type { Model } from './model/types.ts';

export interface ValidationResult {
  ok: boolean;
  problems: Problem[];
  model: Model;
}

export function validateProject(projectRoot: string, contentDir = join(projectRoot, 'content')): ValidationResult {
  const content = loadContent(contentDir, projectRoot);
  const { index, problems } = checkCrossFileRules(content);
  const all = sortProblems([...content.problems, ...problems]);
  return { ok: countErrors(all) === 0, problems: all, model: buildModel(content, index) };
}
