/** npm run point-d-etape: appends a progress entry, everything else in the sheet byte for byte; refuses an invalid one. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendEntryToFile, findSubAction } from '../src/lib/editor/progress-entry.ts';
import { makeContentTree, ROOT, STACK_TRACE, type ContentTree } from './support/content-tree.ts';
import { runCli } from './support/run.ts';

const CLI = join(ROOT, 'src', 'cli', 'point-d-etape.ts');
const TODAY = { JALONS_AUJOURDHUI: '2025-03-01' };
/** A sheet with sub-actions written three ways: block without a log, one-line, block with a log. */
const B4 = [
  '---',
  'titre: Ateliers itinérants',
  'code: B.4',
  'type: action',
  'parent: axe-b',
  'calendrier: "2024-2025"',
  'sous_actions:',
  '  # Les communes rurales d\'abord.',
  '  - titre: Ateliers en mairie',
  '    code: a',
  '    calendrier: { debut: "2024", fin: "2025", jalons: [{ date: juin 2024, libelle: Dix communes } ] }',
  '    partenaires: [reseau-cyb] # animés par le réseau',
  '',
  '  - { titre: Ateliers en médiathèque, code: b, calendrier: "2025" }',
  '  - titre: \'Ateliers au marché : "tous les mardis"\'',
  '    code: c',
  '    suivi:',
  '      - date: "2024-05-02"',
  '        texte: Premier marché.',
  '        statut: en_cours',
  '---',
  'Fiche inventée.',
  '',
].join('\n');
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
    expect(help.stdout).toMatch(/--sous-action <sous-action> +une sous-action de la fiche/);
    const bad = await runCli(CLI, ['--fich', 'x']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Option inconnue « --fich ».');
    expect(bad.stderr).toContain('Usage :');
    expect(bad.stderr).not.toMatch(STACK_TRACE);
  });

  it('--sous-action by code, title extract or rank: the entry joins that sub-action\'s « suivi », the rest byte for byte', async () => {
    tree = makeContentTree('suivi', { 'suivi/fiches/b-4.md': B4 });
    const file = join(tree.dir, 'suivi', 'fiches', 'b-4.md');
    const add = (...args: string[]) => runCli(CLI, ['--contenu', tree!.dir, '--fiche', 'suivi/b-4', ...args], TODAY);

    // Block sub-action without a log: « suivi » is created under its last field, at its indentation.
    const r1 = await add('--sous-action', 'mairie', '--texte', 'Dix communes visitées.', '--statut', 'en_cours', '--jalon', 'Dix communes', '--date', '2024-06-28');
    expect(r1.stderr).toBe('');
    expect(r1.status).toBe(0);
    expect(r1.stdout).toContain('✓ Étape ajoutée au suivi de la sous-action « Ateliers en mairie » de ');
    let expected = B4.replace('# animés par le réseau\n', '# animés par le réseau\n    suivi:\n      - date: "2024-06-28"\n        texte: Dix communes visitées.\n        statut: en_cours\n        jalons_atteints:\n          - Dix communes\n');
    expect(readFileSync(file, 'utf8')).toBe(expected);

    // One-line sub-action: it stays on one line, the log inside its braces.
    expect((await add('--sous-action', 'b', '--texte', 'Convention signée : 3 sites', '--statut', 'en_cours', '--date', '2025-02-01')).status).toBe(0);
    expected = expected.replace('calendrier: "2025" }', 'calendrier: "2025", suivi: [ { date: "2025-02-01", texte: "Convention signée : 3 sites", statut: en_cours } ] }');
    expect(readFileSync(file, 'utf8')).toBe(expected);

    // Its rank; an existing block log grows at its own indentation.
    expect((await add('--sous-action', '3', '--texte', 'Dernier marché.', '--statut', 'realisee', '--date', '2024-12-17')).status).toBe(0);
    expected = expected.replace('        statut: en_cours\n---', '        statut: en_cours\n      - date: "2024-12-17"\n        texte: Dernier marché.\n        statut: realisee\n---');
    expect(readFileSync(file, 'utf8')).toBe(expected);
    // The sheet's own log was not touched; the whole content still validates.
    expect(expected).not.toMatch(/^suivi:/m);
    const validate = await runCli(join(ROOT, 'src', 'cli', 'validate.ts'), ['--contenu', tree.dir], TODAY);
    expect(validate.stdout).toContain('✓ Contenu valide');
  });

  it('a one-line sub-action log gets a one-line entry; a milestone unknown to the sub-action is refused, file unchanged', async () => {
    tree = makeContentTree('suivi');
    const file = join(tree.dir, 'suivi', 'fiches', 'b-1.md');
    const before = readFileSync(file, 'utf8');
    const bad = await runCli(CLI, ['--contenu', tree.dir, '--fiche', 'suivi/b-1', '--sous-action', 'tournee', '--texte', 'Bilan.', '--jalon', 'Inauguration', '--date', '2024-08-01'], TODAY);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('« Inauguration » n\'est le libellé d\'aucun jalon : le calendrier n\'a pas de « jalons ».');
    expect(readFileSync(file, 'utf8')).toBe(before);
    const ok = await runCli(CLI, ['--contenu', tree.dir, '--fiche', 'suivi/b-1', '--sous-action', 'Tournée d\'été', '--texte', 'Bilan de la tournée.', '--date', '2024-08-01'], TODAY);
    expect(ok.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(before.replace('valeurs: { Communes visitées: 12 } }\n', 'valeurs: { Communes visitées: 12 } }\n      - { date: "2024-08-01", texte: Bilan de la tournée. }\n'));
  });

  it('an unknown, ambiguous or absent sub-action: French message listing the sheet\'s sub-actions, file unchanged', async () => {
    tree = makeContentTree('suivi', { 'suivi/fiches/b-4.md': B4 });
    const file = join(tree.dir, 'suivi', 'fiches', 'b-4.md');
    const add = (fiche: string, sub: string) => runCli(CLI, ['--contenu', tree!.dir, '--fiche', fiche, '--sous-action', sub, '--texte', 'x'], TODAY);
    const list = 'Sous-actions de la fiche : 1 « Ateliers en mairie » (code a), 2 « Ateliers en médiathèque » (code b), 3 « Ateliers au marché : "tous les mardis" » (code c).';
    const unknown = await add('suivi/b-4', 'Atelier en mairi');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toBe(`✗ La sous-action « Atelier en mairi » n'existe pas dans la fiche « suivi/b-4 ». Vouliez-vous dire « Ateliers en mairie » ? ${list} Écrivez --sous-action suivi de son code, d'un extrait de son intitulé ou de son rang (1 pour la première).\n`);
    const ambiguous = await add('suivi/b-4', 'ateliers en m');
    expect(ambiguous.status).toBe(1);
    expect(ambiguous.stderr).toBe('✗ « ateliers en m » désigne plusieurs sous-actions de la fiche « suivi/b-4 » : 1 « Ateliers en mairie » (code a), 2 « Ateliers en médiathèque » (code b). Donnez un extrait d\'intitulé plus long, ou le rang (--sous-action 1).\n');
    const none = await add('suivi/a-1', '1');
    expect(none.status).toBe(1);
    expect(none.stderr).toBe('✗ La fiche « suivi/a-1 » n\'a pas de sous-actions (« sous_actions ») : retirez --sous-action pour ajouter l\'étape au suivi de la fiche elle-même.\n');
    expect(readFileSync(file, 'utf8')).toBe(B4);
  });

  it('finds a sub-action by code before title, a bare number as a rank before a title\'s start', () => {
    const subs = [{ titre: '2 ateliers par mois', code: null }, { titre: 'Cartographie des lieux', code: null }, { titre: 'Formation', code: '1' }];
    expect(findSubAction(subs, '1', 'f')).toBe(2);
    expect(findSubAction(subs, '2', 'f')).toBe(1);
    expect(findSubAction(subs, '2 ateliers', 'f')).toBe(0);
    expect(findSubAction(subs, 'CARTOGRAPHIE', 'f')).toBe(1);
    expect(findSubAction(subs, 'des lieux', 'f')).toBe(1);
  });

  it('a one-line « suivi » list gets the entry before its bracket, the rest unchanged', () => {
    expect(appendEntryToFile('---\ntitre: T # c\nsuivi: [ { date: "2024", texte: a } ] # fin\n---\n', { date: '2025', texte: 'b' }))
      .toBe('---\ntitre: T # c\nsuivi: [ { date: "2024", texte: a }, { date: "2025", texte: b } ] # fin\n---\n');
    expect(appendEntryToFile('---\ntitre: T\nsuivi: []\n---\n', { date: '2025', texte: 'b' })).toBe('---\ntitre: T\nsuivi: [ { date: "2025", texte: b } ]\n---\n');
  });

  it('refuses rather than change another field: an edit is re-read and compared before it is written', () => {
    // The trailing blank line belongs to this « keep » block scalar: an entry written after « texte » would take it away.
    const text = '---\ntitre: T\nsous_actions:\n  - titre: A\n    description: |+\n      texte\n\n  - titre: B\n---\n';
    expect(() => appendEntryToFile(text, { date: '2025', texte: 'b' }, { sousAction: 'A', fiche: 'f/x' }))
      .toThrow('L\'étape n\'a pas pu être ajoutée sans toucher au reste de l\'en-tête (mise en forme inhabituelle) : ajoutez-la à la main, comme le montre le guide de l\'éditeur (« Tenir la feuille de route à jour »).');
    expect(appendEntryToFile(text, { date: '2025', texte: 'b' }, { sousAction: 'B', fiche: 'f/x' })).toBe(text.replace('  - titre: B\n', '  - titre: B\n    suivi:\n      - date: "2025"\n        texte: b\n'));
    expect(appendEntryToFile('---\nsous_actions: [{titre: A}]\n---\n', { date: '2025', texte: 'b' }, { sousAction: '1', fiche: 'f/x' })).toBe('---\nsous_actions: [{titre: A, suivi: [ { date: "2025", texte: b } ]}]\n---\n');
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
