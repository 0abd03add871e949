/** npm run relances: per roadmap, the late sheets and those without news, in Markdown and JSON, deterministic with JALONS_AUJOURDHUI. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { monthsBefore } from '../src/lib/editor/reminders.ts';
import { FIXTURES, ROOT, STACK_TRACE } from './support/content-tree.ts';
import { runCli } from './support/run.ts';

const CLI = join(ROOT, 'src', 'cli', 'relances.ts');
const CONTENT = join(FIXTURES, 'suivi');
const FOOTER = 'Pour donner des nouvelles d\'une fiche, ajoutez une étape à son « suivi » (guide de l\'éditeur, « Tenir la feuille de route à jour »).';

describe('relances', () => {
  it('lists the late sheets with the model\'s reason, counts the never-followed ones (hand-checked at 2025-03-01)', async () => {
    const r = await runCli(CLI, ['--contenu', CONTENT], { JALONS_AUJOURDHUI: '2025-03-01', JALONS_SITE: '', JALONS_BASE: '' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe([
      '## Relances : Suivi 2024-2025',
      '',
      'Feuille de route « Feuille de route inventée pour le suivi », situation au 1er mars 2025.',
      '',
      '### En retard (2)',
      '',
      '- A.1 Réseau d\'aidants numériques : Jalon passé non atteint : Charte signée. Dernière étape de suivi : 10 janvier 2025.',
      '- A.2 Site d\'information : La fin prévue (2e semestre 2024) est passée. Dernière étape de suivi : 5 novembre 2024.',
      '',
      '1 fiche n\'a jamais été suivie (ni statut ni étape de suivi) sur 5 fiches.',
      '',
      FOOTER,
      '',
    ].join('\n'));
  });

  it('with links and a shorter delay: sheets without news for more than 3 months', async () => {
    const r = await runCli(CLI, ['--contenu', CONTENT, '--sans-nouvelles', '3'], { JALONS_AUJOURDHUI: '2025-09-01', JALONS_SITE: 'https://exemple.fr', JALONS_BASE: '/jalons/' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('- [A.1 Réseau d\'aidants numériques](https://exemple.fr/jalons/suivi/a-1/) : Jalon passé non atteint');
    expect(r.stdout).toContain('### Sans nouvelles depuis plus de 3 mois (1)\n\n- [B.2 Ateliers seniors](https://exemple.fr/jalons/suivi/b-2/) : Suspendue ; dernière étape de suivi : décembre 2024.\n');
    // Realised sheets are never reminded.
    expect(r.stdout).not.toContain('Bus numérique');
  });

  it('--json gives each roadmap its issue title and Markdown body', async () => {
    const r = await runCli(CLI, ['--contenu', CONTENT, '--json', '--feuille-de-route', 'suivi'], { JALONS_AUJOURDHUI: '2025-03-01', JALONS_SITE: '' });
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.date).toBe('2025-03-01');
    expect(json.sans_nouvelles_mois).toBe(6);
    const [rm] = json.feuilles_de_route;
    expect(rm.titre_issue).toBe('Relances : Suivi 2024-2025');
    expect(rm.en_retard.map((s: { id: string }) => s.id)).toEqual(['a-1', 'a-2']);
    expect(rm.jamais_suivies).toBe(1);
    expect(rm.markdown).toContain('### En retard (2)');
  });

  it('an unknown option or roadmap: French message, exit 2, no stack trace', async () => {
    const bad = await runCli(CLI, ['--sans-nouvele', '3']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Option inconnue « --sans-nouvele ».');
    expect(bad.stderr).not.toMatch(STACK_TRACE);
    const help = await runCli(CLI, ['--help']);
    expect(help.status).toBe(0);
    expect(help.stderr).toBe('');
    expect(help.stdout).toContain('Usage : npm run relances -- [options]');
    expect(help.stdout).toMatch(/--sans-nouvelles <mois> +délai sans nouvelles/);
    expect(help.stdout).toMatch(/--json +sortie JSON \(pour la tâche planifiée qui ouvre, met à jour et ferme/);
    const unknown = await runCli(CLI, ['--contenu', CONTENT, '--feuille-de-route', 'suvi']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('La feuille de route « suvi » n\'existe pas. Vouliez-vous dire « suivi » ?');
  });

  it('counts months back to the same day, clamped to the month\'s end', () => {
    expect(monthsBefore('2025-03-01', 6)).toBe('2024-09-01');
    expect(monthsBefore('2025-08-31', 6)).toBe('2025-02-28');
    expect(monthsBefore('2025-01-15', 13)).toBe('2023-12-15');
  });
});
