/** The scheduled reminders job, up to the forge call: its dry run says which issue it would update or create, with what. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Reminders, RoadmapReminders } from '../src/lib/editor/reminders.ts';
import { planIssues } from '../src/lib/editor/reminders-forge.ts';
import { FIXTURES, ROOT, STACK_TRACE } from './support/content-tree.ts';
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

describe('relances-forge', () => {
  it('plans: update the issue found by its marker (even renamed) or its title, create one, nothing when nothing to remind', () => {
    const r: Reminders = { date: '2025-03-01', sans_nouvelles_mois: 6, feuilles_de_route: [roadmap('a', 1, 'A'), roadmap('b', 2, 'B'), roadmap('c', 1, 'C'), roadmap('d', 0, 'D')] };
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

  it('refuses an unknown forge and unreadable JSON in French', async () => {
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
