/**
 * npm run validate [-- --format github | --json] [--contenu <dossier>]
 * Checks every content file and prints every problem at its file and line.
 * Exit code: 0 when there is no error (warnings allowed), 1 otherwise.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatGithubReport, formatHuman, formatJson } from '../lib/build/report.ts';
import { lastDataChanges } from '../lib/export/freshness.ts';
import { validateProject } from '../lib/model/validate-project.ts';

const { values } = parseArgs({
  options: {
    format: { type: 'string', default: 'texte' },
    json: { type: 'boolean', default: false },
    contenu: { type: 'string' },
  },
});

const root = process.cwd();
const dir = values.contenu ? resolve(values.contenu) : join(root, 'content');
const format = values.json ? 'json' : values.format;
// --json gives the model the site publishes, whose sheets' freshness needs their last data change in git.
const result = validateProject(root, dir, undefined, format === 'json' ? () => lastDataChanges(root, dir) : undefined);
if (format === 'json') process.stdout.write(`${formatJson(result.ok, result.problems, result.model)}\n`);
else if (format === 'github') process.stdout.write(`${formatGithubReport(result.problems, result.model)}\n`);
else process.stdout.write(`${formatHuman(result.problems, result.model)}\n`);
process.exitCode = result.ok ? 0 : 1;
