/**
 * The scheduled reminders job's forge part: one issue per roadmap, opened or updated.
 *   npm run -s relances -- --json > relances.json
 *   node scripts/relances-forge.ts --relances relances.json --forge github|gitlab [--dry-run --tickets existants.json]
 * GitHub: the `gh` command (GH_TOKEN, permission issues: write). GitLab: the REST API
 * (CI_API_V4_URL, CI_PROJECT_ID, JALONS_GITLAB_TOKEN: a project access token, scope api).
 * --dry-run prints what would be done (create or update, title, body) and calls nothing;
 * the existing issues then come from --tickets (a JSON list) or are taken as none.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Reminders } from '../src/lib/editor/reminders.ts';
import { describePlan, normaliseIssues, planIssues, type ForgeAction, type ForgeIssue } from '../src/lib/editor/reminders-forge.ts';

const USAGE = 'Usage : node scripts/relances-forge.ts --relances relances.json --forge github|gitlab [--dry-run] [--tickets tickets-existants.json]';

function die(message: string, code = 1): never {
  process.stderr.write(`✗ ${message}\n`);
  process.exit(code);
}

let values: { relances?: string; forge?: string; 'dry-run'?: boolean; tickets?: string };
try {
  ({ values } = parseArgs({ options: { relances: { type: 'string' }, forge: { type: 'string', default: 'github' }, 'dry-run': { type: 'boolean', default: false }, tickets: { type: 'string' } } }));
} catch {
  die(`Options illisibles.\n${USAGE}`, 2);
}
if (values.forge !== 'github' && values.forge !== 'gitlab') die(`--forge vaut github ou gitlab.\n${USAGE}`, 2);

const readJson = (path: string | undefined): unknown => {
  try {
    return JSON.parse(readFileSync(path ?? 0, 'utf8'));
  } catch {
    return die(`${path ?? 'entrée standard'} : fichier absent ou JSON illisible.`);
  }
};
const reminders = readJson(values.relances) as Reminders;
if (!Array.isArray(reminders?.feuilles_de_route)) die('Le JSON des relances doit venir de « npm run -s relances -- --json ».');

function gh(args: string[], input?: string): string {
  const r = spawnSync('gh', args, { encoding: 'utf8', input });
  if (r.status !== 0) die(`gh ${args[0]} ${args[1]} a échoué : ${r.stderr || r.error?.message}`);
  return r.stdout;
}

async function gitlab(method: string, path: string, body?: Record<string, unknown>): Promise<unknown> {
  const api = process.env['CI_API_V4_URL'];
  const project = process.env['CI_PROJECT_ID'];
  const token = process.env['JALONS_GITLAB_TOKEN'];
  if (!api || !project || !token) die('Variables CI_API_V4_URL, CI_PROJECT_ID et JALONS_GITLAB_TOKEN (jeton d\'accès du projet, portée « api ») nécessaires.');
  const response = await fetch(`${api}/projects/${encodeURIComponent(project)}${path}`, {
    method,
    headers: { 'PRIVATE-TOKEN': token, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : null,
  });
  if (!response.ok) die(`API GitLab ${method} ${path} : ${response.status} ${await response.text()}`);
  return response.json();
}

async function existingIssues(): Promise<ForgeIssue[]> {
  if (values['dry-run']) return values.tickets ? normaliseIssues(readJson(values.tickets)) : [];
  if (values.forge === 'github') return normaliseIssues(JSON.parse(gh(['issue', 'list', '--state', 'open', '--search', 'Relances in:title', '--json', 'number,title,body', '--limit', '200'])));
  return normaliseIssues(await gitlab('GET', '/issues?state=opened&in=title&search=Relances&per_page=100'));
}

async function apply(a: ForgeAction): Promise<void> {
  if (a.kind === 'rien') return;
  if (values.forge === 'github') {
    if (a.kind === 'creer') gh(['issue', 'create', '--title', a.title, '--body-file', '-'], a.body);
    else gh(['issue', 'edit', String(a.number), '--title', a.title, '--body-file', '-'], a.body);
  } else if (a.kind === 'creer') await gitlab('POST', '/issues', { title: a.title, description: a.body });
  else await gitlab('PUT', `/issues/${a.number}`, { title: a.title, description: a.body });
}

const actions = planIssues(reminders, await existingIssues());
if (values['dry-run']) {
  process.stdout.write(`Essai à blanc (${values.forge}) : rien n'est envoyé à la forge.\n\n${describePlan(actions)}\n`);
} else {
  for (const a of actions) {
    await apply(a);
    process.stdout.write(`${a.kind === 'creer' ? '+ créé' : a.kind === 'mettre_a_jour' ? `~ mis à jour #${a.number}` : '= rien à faire'} : « ${a.title} »\n`);
  }
}
