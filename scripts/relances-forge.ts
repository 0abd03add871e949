/**
 * The scheduled reminders job's forge part: one issue per roadmap, opened, updated, or
 * closed with a comment once the roadmap has nothing left to remind.
 *   npm run -s relances -- --json > relances.json
 *   node scripts/relances-forge.ts --relances relances.json --forge github|gitlab [--dry-run --tickets existants.json]
 * GitHub: the `gh` command (GH_TOKEN, GH_REPO, permission issues: write). GitLab: the REST API
 * (CI_API_V4_URL, CI_PROJECT_ID, JALONS_GITLAB_TOKEN: a project access token, scope api).
 * --dry-run prints what would be done (create, update or close, title, body) and calls nothing;
 * the existing issues then come from --tickets (a JSON list) or are taken as none.
 * Every forge call is bounded (FORGE_TIMEOUT_MS); no message ever shows a token.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseCommand, usageError } from '../src/cli/cli-args.ts';
import type { Reminders } from '../src/lib/editor/reminders.ts';
import { describePlan, doneLine, forgeRequests, normaliseIssues, planIssues, redact, type ForgeAction, type ForgeIssue, type ForgeRequest } from '../src/lib/editor/reminders-forge.ts';

const spec = {
  commande: 'npm run -s relances-forge -- --relances relances.json --forge github|gitlab',
  resume: 'Ouvre, met à jour ou ferme un ticket de relance par feuille de route, d\'après la sortie de « npm run -s relances -- --json ». Un ticket est fermé, avec un commentaire, quand sa feuille de route n\'a plus de fiche en retard ni sans nouvelles.',
  options: {
    relances: { type: 'string', valeur: '<fichier>', aide: 'le JSON des relances (par défaut : l\'entrée standard)' },
    forge: { type: 'string', default: 'github', valeur: 'github|gitlab', aide: 'la forge (par défaut github : commande gh, GH_TOKEN, GH_REPO ; gitlab : CI_API_V4_URL, CI_PROJECT_ID, JALONS_GITLAB_TOKEN)' },
    'dry-run': { type: 'boolean', default: false, aide: 'essai à blanc : dit ce qui serait fait, sans rien envoyer' },
    tickets: { type: 'string', valeur: '<fichier>', aide: 'avec --dry-run, les tickets ouverts (JSON), sinon aucun' },
  },
} as const;

/** One forge call may not hang the weekly job. */
const FORGE_TIMEOUT_MS = 60_000;
const secrets = () => [process.env['GH_TOKEN'], process.env['GITHUB_TOKEN'], process.env['JALONS_GITLAB_TOKEN']];

function die(message: string, code = 1): never {
  process.stderr.write(`✗ ${redact(message, secrets())}\n`);
  process.exit(code);
}

const { values } = parseCommand(spec);
const forge = values.forge;
if (forge !== 'github' && forge !== 'gitlab') usageError(spec, '--forge vaut github ou gitlab.');

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
  const r = spawnSync('gh', args, { encoding: 'utf8', input, timeout: FORGE_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 });
  const call = `gh ${args.slice(0, 2).join(' ')}${args[0] === 'api' ? ` ${args.slice(2, 4).join(' ')}` : ''}`;
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT' || r.signal === 'SIGKILL') die(`${call} n'a pas répondu en ${FORGE_TIMEOUT_MS / 1000} s : relancez la tâche plus tard.`);
  if (r.status !== 0) die(`${call} a échoué : ${(r.stderr || r.error?.message || '').trim()}`);
  return r.stdout;
}

async function gitlab(method: string, path: string, body?: Record<string, unknown>): Promise<unknown> {
  const api = process.env['CI_API_V4_URL'];
  const project = process.env['CI_PROJECT_ID'];
  const token = process.env['JALONS_GITLAB_TOKEN'];
  if (!api || !project || !token) die('Variables CI_API_V4_URL, CI_PROJECT_ID et JALONS_GITLAB_TOKEN (jeton d\'accès du projet, portée « api ») nécessaires.');
  let response: Response;
  try {
    response = await fetch(`${api}/projects/${encodeURIComponent(project)}${path}`, {
      method,
      headers: { 'PRIVATE-TOKEN': token, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : null,
      signal: AbortSignal.timeout(FORGE_TIMEOUT_MS),
    });
    if (!response.ok) die(`API GitLab ${method} ${path} : ${response.status} ${(await response.text()).slice(0, 500)}`);
    return await response.json();
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') die(`API GitLab ${method} ${path} : pas de réponse en ${FORGE_TIMEOUT_MS / 1000} s, relancez la tâche plus tard.`);
    die(`API GitLab ${method} ${path} injoignable : ${(error as Error).message}`);
  }
}

async function existingIssues(): Promise<ForgeIssue[]> {
  if (values['dry-run']) return values.tickets ? normaliseIssues(readJson(values.tickets)) : [];
  if (forge === 'github') return normaliseIssues(JSON.parse(gh(['issue', 'list', '--state', 'open', '--search', 'Relances in:title', '--json', 'number,title,body', '--limit', '200'])));
  return normaliseIssues(await gitlab('GET', '/issues?state=opened&in=title&search=Relances&per_page=100'));
}

async function send(request: ForgeRequest): Promise<void> {
  if (forge === 'github') gh(['api', '--method', request.method, request.path, '--input', '-'], JSON.stringify(request.body));
  else await gitlab(request.method, request.path, request.body);
}

const actions: ForgeAction[] = planIssues(reminders, await existingIssues());
if (values['dry-run']) {
  process.stdout.write(`Essai à blanc (${forge}) : rien n'est envoyé à la forge.\n\n${describePlan(actions)}\n`);
} else {
  for (const a of actions) {
    for (const request of forgeRequests(forge, a)) await send(request);
    process.stdout.write(`${doneLine(a)}\n`);
  }
}
