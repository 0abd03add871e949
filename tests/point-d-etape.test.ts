/** npm run point-d-etape: appends a progress entry, everything else in the sheet byte for byte; refuses an invalid one. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendEntryToFile } from '../src/lib/editor/progress-entry.ts';
import { makeContentTree, ROOT, STACK_TRACE, type ContentTree } from './support/content-tree.ts';
import { runCli } from './support/run.ts';

const CLI = join(ROOT, 'src', 'cli', 'point-d-etape.ts');
const TODAY = { JALONS_AUJOURDHUI: '2025-03-01' };
let tree: ContentTree | null = null;
afterEach(() => {
  tree?.remove();
  tree = null;
});

describe('point-d-etape', () => {
  it('appends a valid entry at the end of « suivi », the rest of the file identical', async () => {
    tree = makeContentTree('suivi');
    const file = join(tree.dir, 'suivi', 'fiches', 'a-1.md');
    const before = readFileSync(file, 'utf8');
    const r = await runCli(CLI, ['--contenu', tree.dir, '--fiche', 'suivi/a-1', '--texte', 'Charte signée.', '--statut', 'en_cours', '--avancement', '70', '--valeur', 'Aidants formés=52', '--jalon', 'Charte signée', '--date', '2025-02-20'], TODAY);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('✓ Étape ajoutée');
    const added = [
      '  - date: "2025-02-20"',
      '    texte: Charte signée.',
      '    statut: en_cours',
      '    avancement: 70',
      '    valeurs:',
      '      Aidants formés: 52',
      '    jalons_atteints:',
      '      - Charte signée',
      '',
    ].join('\n');
    const at = before.indexOf('---\nFiche inventée.');
    expect(readFileSync(file, 'utf8')).toBe(before.slice(0, at) + added + before.slice(at));
  });

  it('defaults the date to today; keeps a list of one-line entries one-line; creates « suivi » when absent', async () => {
    tree = makeContentTree('suivi');
    const a2 = join(tree.dir, 'suivi', 'fiches', 'a-2.md');
    const b3 = join(tree.dir, 'suivi', 'fiches', 'b-3.md');
    const [beforeA2, beforeB3] = [readFileSync(a2, 'utf8'), readFileSync(b3, 'utf8')];
    expect((await runCli(CLI, ['--contenu', tree.dir, '--fiche', 'suivi/a-2', '--texte', 'Site en ligne.', '--statut', 'realisee', '--lien', 'https://example.org/x', '--titre-lien', 'Annonce'], TODAY)).status).toBe(0);
    expect(readFileSync(a2, 'utf8')).toBe(beforeA2.replace(/\n---\n$/, '\n  - { date: "2025-03-01", texte: Site en ligne., statut: realisee, lien: { titre: Annonce, url: https://example.org/x } }\n---\n'));
    expect((await runCli(CLI, ['--contenu', tree.dir, '--fiche', 'suivi/b-3', '--texte', 'Relance.', '--date', '2025-01-15'], TODAY)).status).toBe(0);
    expect(readFileSync(b3, 'utf8')).toBe(beforeB3.replace(/\n---\n$/, '\nsuivi:\n  - date: "2025-01-15"\n    texte: Relance.\n---\n'));
  });

  it('refuses an unknown indicator, leaves the file unchanged and prints the validator\'s French error', async () => {
    tree = makeContentTree('suivi');
    const file = join(tree.dir, 'suivi', 'fiches', 'a-1.md');
    const before = readFileSync(file, 'utf8');
    const r = await runCli(CLI, ['--contenu', tree.dir, '--fiche', 'suivi/a-1', '--texte', 'Mesure.', '--valeur', 'Inconnu=3'], TODAY);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('L\'étape n\'a pas été ajoutée');
    expect(r.stderr).toContain('« Inconnu » n\'est l\'intitulé d\'aucun indicateur de la fiche');
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('refuses a future date and a status that contradicts the sheet\'s own', async () => {
    tree = makeContentTree('suivi');
    const r1 = await runCli(CLI, ['--contenu', tree.dir, '--fiche', 'suivi/a-1', '--texte', 'x', '--date', '2026-01-01'], TODAY);
    expect(r1.status).toBe(1);
    expect(r1.stderr).toContain('après la date de publication');
    const b2 = join(tree.dir, 'suivi', 'fiches', 'b-2.md');
    const before = readFileSync(b2, 'utf8');
    const r2 = await runCli(CLI, ['--contenu', tree.dir, '--fiche', 'suivi/b-2', '--texte', 'Reprise.', '--statut', 'en_cours'], TODAY);
    expect(r2.status).toBe(1);
    expect(r2.stderr).toContain('contredit');
    expect(readFileSync(b2, 'utf8')).toBe(before);
  });

  it('suggests a close sheet name; --help; an unknown option says so in French, exit 2, no stack trace', async () => {
    tree = makeContentTree('suivi');
    const r = await runCli(CLI, ['--contenu', tree.dir, '--fiche', 'suivi/a1', '--texte', 'x'], TODAY);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Vouliez-vous dire « a-1 »');
    const help = await runCli(CLI, ['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage : npm run point-d-etape');
    const bad = await runCli(CLI, ['--fich', 'x']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Option inconnue : --fich');
    expect(bad.stderr).toContain('Usage :');
    expect(bad.stderr).not.toMatch(STACK_TRACE);
  });

  it('keeps a blank line before the closing « --- », and one at column 0', () => {
    expect(appendEntryToFile('---\ntitre: T\nsuivi:\n- date: "2024"\n  texte: a\n\n---\n', { date: '2025', texte: 'b' }))
      .toBe('---\ntitre: T\nsuivi:\n- date: "2024"\n  texte: a\n- date: "2025"\n  texte: b\n\n---\n');
    expect(appendEntryToFile('---\ntitre: T\n\n---\nCorps', { date: '2025', texte: 'b' })).toBe('---\ntitre: T\nsuivi:\n  - date: "2025"\n    texte: b\n\n---\nCorps');
  });

  it('keeps comments and CRLF line ends', () => {
    const text = '---\r\ntitre: T # commentaire\r\nsuivi:\r\n  # la première\r\n  - date: "2024"\r\n    texte: a\r\n# fin\r\n---\r\nCorps\r\n';
    expect(appendEntryToFile(text, { date: '2025', texte: 'b' })).toBe('---\r\ntitre: T # commentaire\r\nsuivi:\r\n  # la première\r\n  - date: "2024"\r\n    texte: a\r\n  - date: "2025"\r\n    texte: b\r\n# fin\r\n---\r\nCorps\r\n');
  });
});
