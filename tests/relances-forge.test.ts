/**
 * The scheduled reminders job: its dry run says which issue it would update, create or
 * close, with what; the real run's calls are checked against a stand-in `gh` and a local
 * stand-in of GitLab's API (the real forges are the only part left untested).
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Reminders, RoadmapReminders } from '../src/lib/editor/reminders.ts';
import { forgeRequests, planIssues } from '../src/lib/editor/reminders-forge.ts';
import { FIXTURES, makeContentTree, ROOT, STACK_TRACE } from './support/content-tree.ts';
import { runCli } from './support/run.ts';

const SCRIPT = join(ROOT, 'scripts', 'relances-forge.ts');
const RELANCES = join(ROOT, 'src', 'cli', 'relances.ts');

const roadmap = (id: string, late: number, markdown: string): RoadmapReminders => ({
  id,
  titre: `Feuille ${id}`,
  titre_court: id,
  titre_issue: `Relances : ${id}`,
  fiches: 3,
  en_retard: Array.from({ length: late }, (_, i) => ({ id: `f-${i}`, code: null, titre: `Fiche ${i}`, statut: 'en_cours', derniere_etape: null, derniere_modification: null, raison: 'La fin prévue (2024) est passée.', url: null })),
  sans_nouvelles: [],
  jamais_suivies: 0,
  markdown,
});

const CLOSING_A = 'Plus rien à relancer au 1er mars 2025 : aucune fiche de la feuille de route « Feuille a » n\'est en retard ni sans nouvelles depuis plus de 6 mois. Ticket fermé par la tâche planifiée des relances ; un nouveau sera ouvert si une fiche a de nouveau besoin d\'être relancée.';
/** Roadmap a has nothing left to remind (and an open issue in the tests), b neither. */
const QUIET: Reminders = { date: '2025-03-01', sans_nouvelles_mois: 6, liste_complete: true, feuilles_de_route: [roadmap('a', 0, 'A'), roadmap('b', 0, 'B')] };

/** A stand-in `gh` first on PATH: lists `issues`, logs each call with its input, or fails echoing its token. */
function fakeGh(dir: string, issues: unknown[], fail = false) {
  const bin = join(dir, 'bin');
  const log = join(dir, 'gh.log');
  writeFileSync(join(dir, 'issues.json'), JSON.stringify(issues));
  writeFileSync(log, '');
  const script = [
    '#!/bin/sh',
    `if [ "$1" = issue ]; then printf '%s\\n' "$*" >> "${log}"; cat "${join(dir, 'issues.json')}"; exit 0; fi`,
    fail ? 'echo "Bad credentials for $GH_TOKEN ($GH_TOKEN hidden?)" >&2; exit 1' : `printf '%s %s\\n' "$*" "$(cat)" >> "${log}"; echo '{}'`,
  ].join('\n');
  cpScript(bin, script);
  return {
    env: { PATH: `${bin}:/usr/bin:/bin`, GH_TOKEN: 'gh-secret-1234', GH_REPO: 'exemple/jalons' },
    calls: () => readFileSync(log, 'utf8').trimEnd().split('\n'),
  };
}

function cpScript(bin: string, script: string) {
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'gh'), `${script}\n`);
  chmodSync(join(bin, 'gh'), 0o755);
}

describe('relances-forge', () => {
  it('plans: update the issue found by its marker (even renamed) or its title, create one, nothing when nothing to remind', () => {
    const r: Reminders = { date: '2025-03-01', sans_nouvelles_mois: 6, liste_complete: true, feuilles_de_route: [roadmap('a', 1, 'A'), roadmap('b', 2, 'B'), roadmap('c', 1, 'C'), roadmap('d', 0, 'D')] };
    const plan = planIssues(r, [
      { number: 3, title: 'Ancien titre', body: 'x\n<!-- jalons-relances:a -->' },
      { number: 12, title: 'Relances : b', body: '' },
    ]);
    expect(plan.map((a) => [a.kind, 'number' in a ? a.number : null, a.title])).toEqual([
      ['mettre_a_jour', 3, 'Relances : a'],
      ['mettre_a_jour', 12, 'Relances : b'],
      ['creer', null, 'Relances : c'],
      ['rien', null, 'Relances : d'],
    ]);
  });

  it('dry run on the fixture\'s reminders: "mettre à jour #12" with the existing issues given, "créer" without, and no forge call', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jalons-relances-'));
    const rel = await runCli(RELANCES, ['--contenu', join(FIXTURES, 'suivi'), '--json'], { JALONS_AUJOURDHUI: '2025-03-01', JALONS_SITE: '' });
    expect(rel.status).toBe(0);
    writeFileSync(join(dir, 'relances.json'), rel.stdout);
    writeFileSync(join(dir, 'tickets.json'), JSON.stringify([{ number: 12, title: 'Relances : Suivi 2024-2025', body: 'ancienne liste' }, { number: 13, title: 'Autre chose', body: '' }]));
    // No gh, no token: a forge call would fail.
    const env = { PATH: '/nonexistent', GH_TOKEN: '', JALONS_GITLAB_TOKEN: '' };
    const update = await runCli(SCRIPT, ['--relances', join(dir, 'relances.json'), '--dry-run', '--tickets', join(dir, 'tickets.json')], env);
    expect(update.stderr).toBe('');
    expect(update.status).toBe(0);
    expect(update.stdout).toBe([
      'Essai à blanc (github) : rien n\'est envoyé à la forge.',
      '',
      '~ mettre à jour #12 « Relances : Suivi 2024-2025 »',
      '    <!-- jalons-relances:suivi -->',
      '    ## Relances : Suivi 2024-2025',
      '',
      '    Feuille de route « Feuille de route inventée pour le suivi », situation au 1er mars 2025.',
      '',
      '    ### En retard (2)',
      '',
      '    - A.1 Réseau d\'aidants numériques : Jalon passé non atteint : Charte signée. Dernière étape de suivi : 10 janvier 2025.',
      '    - A.2 Site d\'information : La fin prévue (2e semestre 2024) est passée. Dernière étape de suivi : 5 novembre 2024.',
      '',
      '    1 fiche n\'a jamais été suivie (ni statut ni étape de suivi) sur 5 fiches.',
      '',
      '    Pour donner des nouvelles d\'une fiche, ajoutez une étape à son « suivi » (guide de l\'éditeur, « Tenir la feuille de route à jour »).',
      '',
    ].join('\n'));
    const create = await runCli(SCRIPT, ['--relances', join(dir, 'relances.json'), '--dry-run', '--forge', 'gitlab'], env);
    expect(create.status).toBe(0);
    expect(create.stdout).toContain('Essai à blanc (gitlab)');
    expect(create.stdout).toContain('+ créer « Relances : Suivi 2024-2025 »\n    <!-- jalons-relances:suivi -->\n');
  });

  it('plans the closing of the open issue of a roadmap with nothing left to remind, with a French comment', () => {
    const r: Reminders = { date: '2025-03-01', sans_nouvelles_mois: 6, liste_complete: true, feuilles_de_route: [roadmap('a', 0, 'A'), roadmap('b', 0, 'B')] };
    const plan = planIssues(r, [{ number: 7, title: 'Ancien titre', body: '<!-- jalons-relances:a -->' }]);
    expect(plan).toEqual([
      { kind: 'fermer', roadmap: 'a', number: 7, title: 'Relances : a', comment: CLOSING_A },
      { kind: 'rien', roadmap: 'b', title: 'Relances : b' },
    ]);
  });

  it('closes the issue of a roadmap no longer in the content; closes nothing when the list may be incomplete', () => {
    const issues = [
      { number: 7, title: 'Relances : a', body: '<!-- jalons-relances:a -->' },
      { number: 8, title: 'Relances : Ancienne feuille', body: 'liste\n<!-- jalons-relances:ancienne -->' },
      { number: 9, title: 'Relances : sans repère', body: 'écrit à la main' },
    ];
    const complete: Reminders = { date: '2025-03-01', sans_nouvelles_mois: 6, liste_complete: true, feuilles_de_route: [roadmap('a', 0, 'A')] };
    expect(planIssues(complete, issues).map((a) => [a.kind, 'number' in a ? a.number : null])).toEqual([['fermer', 7], ['fermer', 8]]);
    expect(planIssues(complete, issues)[1]).toEqual({
      kind: 'fermer', roadmap: 'ancienne', number: 8, title: 'Relances : Ancienne feuille',
      comment: 'Plus rien à relancer au 1er mars 2025 : la feuille de route « ancienne » n\'est plus dans le contenu publié (retirée, ou son dossier renommé). Ticket fermé par la tâche planifiée des relances.',
    });
    // Content with errors, or « --feuille-de-route a »: the issue is updated, never closed.
    expect(planIssues({ ...complete, liste_complete: false }, issues).map((a) => [a.kind, 'number' in a ? a.number : null])).toEqual([['mettre_a_jour', 7]]);
  });

  it('npm run relances --json says whether the list is complete: not for one roadmap only, nor with content errors', async () => {
    const env = { JALONS_AUJOURDHUI: '2025-03-01', JALONS_SITE: '' };
    const all = await runCli(RELANCES, ['--contenu', join(FIXTURES, 'suivi'), '--json'], env);
    expect(JSON.parse(all.stdout).liste_complete).toBe(true);
    const one = await runCli(RELANCES, ['--contenu', join(FIXTURES, 'suivi'), '--json', '--feuille-de-route', 'suivi'], env);
    expect(JSON.parse(one.stdout).liste_complete).toBe(false);
    const broken = makeContentTree('suivi', { 'suivi/fiches/b-3.md': '---\ntitre: Coffres\nstatut: inconnu\n---\n' });
    try {
      const r = await runCli(RELANCES, ['--contenu', broken.dir, '--json'], env);
      expect(r.stderr).toContain('Le contenu a des erreurs');
      expect(JSON.parse(r.stdout).liste_complete).toBe(false);
    } finally {
      broken.remove();
    }
  });

  it('turns each action into the forges\' REST calls: the comment first, then the closing', () => {
    const close = { kind: 'fermer' as const, roadmap: 'a', number: 7, title: 'Relances : a', comment: 'Plus rien.' };
    expect(forgeRequests('github', close)).toEqual([
      { method: 'POST', path: 'repos/{owner}/{repo}/issues/7/comments', body: { body: 'Plus rien.' } },
      { method: 'PATCH', path: 'repos/{owner}/{repo}/issues/7', body: { state: 'closed', state_reason: 'completed' } },
    ]);
    expect(forgeRequests('gitlab', close)).toEqual([
      { method: 'POST', path: '/issues/7/notes', body: { body: 'Plus rien.' } },
      { method: 'PUT', path: '/issues/7', body: { state_event: 'close' } },
    ]);
    expect(forgeRequests('github', { kind: 'creer', roadmap: 'a', title: 'T', body: 'B' })).toEqual([{ method: 'POST', path: 'repos/{owner}/{repo}/issues', body: { title: 'T', body: 'B' } }]);
    expect(forgeRequests('gitlab', { kind: 'mettre_a_jour', roadmap: 'a', number: 3, title: 'T', body: 'B' })).toEqual([{ method: 'PUT', path: '/issues/3', body: { title: 'T', description: 'B' } }]);
    expect(forgeRequests('gitlab', { kind: 'rien', roadmap: 'a', title: 'T' })).toEqual([]);
  });

  it('dry run: « fermer #7 » with its comment, for an issue found by its marker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jalons-relances-'));
    writeFileSync(join(dir, 'relances.json'), JSON.stringify(QUIET));
    writeFileSync(join(dir, 'tickets.json'), JSON.stringify([{ iid: 7, title: 'Relances : a', description: 'liste\n<!-- jalons-relances:a -->' }]));
    const r = await runCli(SCRIPT, ['--relances', join(dir, 'relances.json'), '--dry-run', '--forge', 'gitlab', '--tickets', join(dir, 'tickets.json')], { PATH: '/nonexistent' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`Essai à blanc (gitlab) : rien n'est envoyé à la forge.\n\n- fermer #7 « Relances : a », avec ce commentaire :\n    ${CLOSING_A}\n\n= rien à faire pour « Relances : b » : aucune relance, aucun ticket ouvert.\n`);
  });

  it('GitHub run (stand-in gh): updates, creates and closes through gh api, the JSON body on its input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jalons-relances-'));
    const r: Reminders = { date: '2025-03-01', sans_nouvelles_mois: 6, liste_complete: true, feuilles_de_route: [roadmap('a', 1, 'A'), roadmap('b', 0, 'B'), roadmap('c', 2, 'C')] };
    writeFileSync(join(dir, 'relances.json'), JSON.stringify(r));
    const gh = fakeGh(dir, [{ number: 3, title: 'Relances : a', body: '<!-- jalons-relances:a -->' }, { number: 4, title: 'Relances : b', body: '<!-- jalons-relances:b -->' }]);
    const run = await runCli(SCRIPT, ['--relances', join(dir, 'relances.json'), '--forge', 'github'], gh.env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('~ mis à jour #3 : « Relances : a »\n- fermé #4 : « Relances : b »\n+ créé : « Relances : c »\n');
    const closing = JSON.stringify({ body: 'Plus rien à relancer au 1er mars 2025 : aucune fiche de la feuille de route « Feuille b » n\'est en retard ni sans nouvelles depuis plus de 6 mois. Ticket fermé par la tâche planifiée des relances ; un nouveau sera ouvert si une fiche a de nouveau besoin d\'être relancée.' });
    expect(gh.calls()).toEqual([
      'issue list --state open --search Relances in:title --json number,title,body --limit 200',
      `api --method PATCH repos/{owner}/{repo}/issues/3 --input - ${JSON.stringify({ title: 'Relances : a', body: '<!-- jalons-relances:a -->\nA\n' })}`,
      `api --method POST repos/{owner}/{repo}/issues/4/comments --input - ${closing}`,
      `api --method PATCH repos/{owner}/{repo}/issues/4 --input - ${JSON.stringify({ state: 'closed', state_reason: 'completed' })}`,
      `api --method POST repos/{owner}/{repo}/issues --input - ${JSON.stringify({ title: 'Relances : c', body: '<!-- jalons-relances:c -->\nC\n' })}`,
    ]);
  });

  it('a failing gh: French message, exit 1, the token masked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jalons-relances-'));
    writeFileSync(join(dir, 'relances.json'), JSON.stringify(QUIET));
    const gh = fakeGh(dir, [{ number: 7, title: 'Relances : a', body: '' }], true);
    const run = await runCli(SCRIPT, ['--relances', join(dir, 'relances.json')], gh.env);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('✗ gh api --method POST repos/{owner}/{repo}/issues/7/comments a échoué : Bad credentials for *** (*** hidden?)\n');
    expect(run.stderr).not.toContain('gh-secret-1234');
  });

  it('GitLab run (local stand-in of the API): closes with a note then state_event, the token only in its header', async () => {
    const calls: string[] = [];
    const tokens = new Set<string>();
    const server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (d: string) => (body += d)).on('end', () => {
        calls.push(`${req.method} ${req.url} ${body}`.trim());
        tokens.add(String(req.headers['private-token']));
        res.setHeader('content-type', 'application/json');
        res.end(req.method === 'GET' ? JSON.stringify([{ iid: 7, title: 'Relances : a', description: '<!-- jalons-relances:a -->' }]) : '{}');
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const dir = mkdtempSync(join(tmpdir(), 'jalons-relances-'));
      writeFileSync(join(dir, 'relances.json'), JSON.stringify(QUIET));
      const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v4`;
      const run = await runCli(SCRIPT, ['--relances', join(dir, 'relances.json'), '--forge', 'gitlab'], { CI_API_V4_URL: api, CI_PROJECT_ID: 'groupe/jalons', JALONS_GITLAB_TOKEN: 'glpat-secret-5678' });
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe('- fermé #7 : « Relances : a »\n= rien à faire : « Relances : b »\n');
      expect(calls).toEqual([
        'GET /api/v4/projects/groupe%2Fjalons/issues?state=opened&in=title&search=Relances&per_page=100',
        `POST /api/v4/projects/groupe%2Fjalons/issues/7/notes ${JSON.stringify({ body: CLOSING_A })}`,
        'PUT /api/v4/projects/groupe%2Fjalons/issues/7 {"state_event":"close"}',
      ]);
      expect([...tokens]).toEqual(['glpat-secret-5678']);
    } finally {
      server.close();
    }
  });

  it('refuses an unknown forge and unreadable JSON in French; --help', async () => {
    const help = await runCli(SCRIPT, ['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage : npm run -s relances-forge -- --relances relances.json --forge github|gitlab');
    expect(help.stdout).toContain('Un ticket est fermé, avec un commentaire, quand sa feuille de route n\'a plus de fiche en retard ni sans nouvelles.');
    const bad = await runCli(SCRIPT, ['--forge', 'gitea', '--dry-run']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--forge vaut github ou gitlab');
    const dir = mkdtempSync(join(tmpdir(), 'jalons-relances-'));
    writeFileSync(join(dir, 'x.json'), '{');
    const unreadable = await runCli(SCRIPT, ['--relances', join(dir, 'x.json'), '--dry-run']);
    expect(unreadable.status).toBe(1);
    expect(unreadable.stderr).toContain('JSON illisible');
    expect(unreadable.stderr).not.toMatch(STACK_TRACE);
  });
});
