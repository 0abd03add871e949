import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sheetRow } from '../src/lib/export/csv.ts';
import { validateProject } from '../src/lib/model/validate-project.ts';
import { sheetLabel } from '../src/lib/site/display.ts';
import { ancestorCrumbs } from '../src/lib/site/sheet-page.ts';
import { makeContentTree } from './support/content-tree.ts';

const root = join(import.meta.dirname, '..');
const fixture = (name: string) => join(root, 'tests', 'fixtures', name);
const where = (r: ReturnType<typeof validateProject>) =>
  r.problems.map((p) => `${p.fichier.replace(/^.*fixtures\/[^/]+\//, '')}:${p.ligne}:${p.colonne} ${p.chemin}`.trim());

describe('validator on a valid roadmap', () => {
  const result = validateProject(root, fixture('valide'));

  it('accepts it without problems', () => {
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('orders sheets depth-first and gives each its chain of ancestors', () => {
    const rm = result.model.feuilles_de_route[0]!;
    expect(rm.fiches.map((f) => f.code)).toEqual(['A.1.1', 'A.1.2', 'A.1.2.a']);
    expect(rm.fiches[2]!.parents.map((p) => p.code)).toEqual(['A', 'A.1', 'A.1.2']);
  });

  it('resolves actors through their aliases, whatever the spelling', () => {
    const sheet = result.model.feuilles_de_route[0]!.fiches[0]!;
    expect(sheet.pilotes.map((p) => [p.acteur, p.role])).toEqual([['departement-exemple', null], ['reseau-cyb', 'animation']]);
    expect(sheet.partenaires).toEqual([{ acteur: null, nom: 'associations locales', graphie_source: null, role: null, precision: null }]);
  });

  it('normalises calendars: continuous, semester, duration and annual recurrence', () => {
    const [a11, a12, a12a] = result.model.feuilles_de_route[0]!.fiches;
    expect([a11!.calendrier!.debut, a11!.calendrier!.fin, a11!.calendrier!.continu]).toEqual(['2023-01-01', '2025-12-31', true]);
    expect([a12a!.calendrier!.debut, a12a!.calendrier!.fin, a12a!.calendrier!.precision]).toEqual(['2023-07-01', '2023-12-31', 'semestre']);
    expect(a12!.calendrier!.recurrence.map((r) => [r.mois_debut, r.mois_fin])).toEqual([[4, 4], [10, 6]]);
    const sub = a12!.sous_actions[0]!.calendrier!;
    expect([sub.debut, sub.fin, sub.fin_deduite]).toEqual(['2023-03-01', '2025-02-28', true]);
  });

  it('extracts amounts and indicator series', () => {
    const sheet = result.model.feuilles_de_route[0]!.fiches[0]!;
    expect(sheet.budget.map((b) => b.montants.map((m) => [m.min, m.max, m.periodicite]))).toEqual([[[12000, 15000, null]], [[60000, null, 'an']]]);
    expect(sheet.indicateurs[1]!.cibles.map((c) => c.valeur)).toEqual([0, 50, 100]);
  });
});

describe('validator on broken content', () => {
  const result = validateProject(root, fixture('casse'));

  it('reports every problem, each at its true line', () => {
    expect(result.ok).toBe(false);
    expect(where(result)).toEqual([
      'acteurs/doublon.yaml:3:1 type',
      'exemple/fiches/cle-double.md:4:1',
      'exemple/fiches/code-2.md:3:1 code',
      'exemple/fiches/dates-inversees.md:6:3 calendrier.fin',
      'exemple/fiches/faute-de-frappe.md:4:1 statut',
      'exemple/fiches/faute-de-frappe.md:5:1 titr',
      'exemple/fiches/faute-de-frappe.md:6:11 pilotes[0]',
      'exemple/fiches/faute-de-frappe.md:8:3 calendrier.debut',
      'exemple/fiches/Majuscules.md:1:1',
      'exemple/fiches/parent-perdu.md:3:1 parent',
      'exemple/fiches/parent-perdu.md:5:14 voir_aussi[0]',
      'exemple/fiches/parent-perdu.md:6:1 priorite',
      'exemple/fiches/sans-entete.md:1:1',
      'exemple/fiches/sans-titre.md:2:1 titre',
      'exemple/fiches/sans-titre.md:6:16 indicateurs[0].cibles[0].date',
      'exemple/fiches/tabulation.md:4:1',
      'exemple/fiches/yaml-casse.md:3:12',
      'exemple/noeuds/boucle-1.md:3:1 niveau',
      'exemple/noeuds/boucle-1.md:4:1 parent',
      'exemple/noeuds/boucle-2.md:3:1 niveau',
      'exemple/noeuds/boucle-2.md:4:1 parent',
      'orpheline/fiches/seule.md:1:1',
    ]);
  });

  it('says what is wrong and how to fix it (frozen texts)', async () => {
    const text = result.problems.map((p) => `${p.fichier.replace(/^.*fixtures\//, '')}:${p.ligne}:${p.colonne} ${p.gravite} ${p.chemin}\n  ${p.message}`).join('\n');
    await expect(text).toMatchFileSnapshot('./__snapshots__/messages-casse.txt');
  });

  it('suggests the closest known key, value, actor and sheet', () => {
    const messages = result.problems.map((p) => p.message);
    expect(messages).toEqual(expect.arrayContaining([expect.stringContaining('Clé inconnue « titr ». Vouliez-vous dire « titre » ?')]));
    expect(messages).toEqual(expect.arrayContaining([expect.stringContaining('Vouliez-vous dire « en_cours » ?')]));
    expect(messages).toEqual(expect.arrayContaining([expect.stringContaining('Acteur inconnu « Cyb@xempl ». Vouliez-vous dire « Cyb\'@xemple »')]));
    expect(messages).toEqual(expect.arrayContaining([expect.stringContaining('Vouliez-vous dire « faute-de-frappe » ?')]));
  });
});

describe('validator on files damaged by an editor\'s tools', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jalons-'));
  cpSync(fixture('valide'), dir, { recursive: true });
  const sheet = (name: string, content: string | Buffer) => writeFileSync(join(dir, 'exemple', 'fiches', `${name}.md`), content);
  sheet('bom', '\ufeff---\ntitre: BOM\nparent: a-1\n---\n');
  sheet('crlf', '---\r\ntitre: CRLF\r\nparent: a-1\r\n---\r\n');
  sheet('latin1', Buffer.concat([Buffer.from('---\ntitre: Fiche\nterritoire: "'), Buffer.from([0xe9]), Buffer.from('"\n---\n')]));
  sheet('vide', '');
  sheet('binaire', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
  sheet('enorme', `---\ntitre: Énorme\n---\n${'x'.repeat(5 * 1024 * 1024)}`);
  sheet('mauvais-type', '---\ntitre: [une, liste]\nparent: a-1\nordre: premier\n---\n');
  const result = validateProject(dir, dir);
  const byFile = (name: string) => result.problems.filter((p) => p.fichier.endsWith(`/${name}.md`));

  it('refuses a BOM and CRLF line endings with the way to fix them', () => {
    expect(byFile('bom').map((p) => p.message)).toEqual([expect.stringContaining('UTF-8 sans BOM')]);
    expect(byFile('crlf').map((p) => [p.ligne, p.message])).toEqual([[1, expect.stringContaining('fins de ligne « LF »')]]);
  });

  it('points at the first byte that is not UTF-8', () => {
    expect(byFile('latin1').map((p) => [p.ligne, p.colonne, p.message])).toEqual([[3, 14, expect.stringContaining('pas encodé en UTF-8')]]);
  });

  it('refuses empty, binary and oversized files', () => {
    expect(byFile('vide')[0]!.message).toMatch(/^Le fichier est vide/);
    expect(byFile('binaire')[0]!.message).toMatch(/fichier binaire/);
    expect(byFile('enorme')[0]!.message).toMatch(/limite de 2 Mo/);
  });

  it('explains wrong types in plain French', () => {
    expect(byFile('mauvais-type').map((p) => `${p.ligne} ${p.message}`)).toEqual([
      '2 Le champ « titre » doit être du texte, pas une liste.',
      '4 Le champ « ordre » doit être un nombre, pas le texte « premier ».',
    ]);
  });
});

describe('npm run validate', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [join(root, 'src/cli/validate.ts'), ...args], { cwd: root, encoding: 'utf8' });

  it('exits 1 and prints GitHub annotations on the offending lines', () => {
    const out = run('--contenu', fixture('casse'), '--format', 'github');
    expect(out.status).toBe(1);
    expect(out.stdout).toContain('::error file=tests/fixtures/casse/exemple/fiches/faute-de-frappe.md,line=8,col=3,title=Jalons %3A calendrier.debut::« 2023-13 » n\'est pas une date lisible');
  });

  it('closes with a success line only on success, in every format', () => {
    const failed = run('--contenu', fixture('casse'), '--format', 'github');
    expect(failed.stdout).not.toContain('✓');
    expect(failed.stdout.trim().split('\n').at(-1)).toMatch(/^✗ \d+ erreurs? dans \d+ fichiers?\. Rien n'est publié/);
    expect(run('--contenu', fixture('casse')).stdout).not.toContain('✓');
    const passed = run('--contenu', fixture('valide'), '--format', 'github');
    expect(passed.status).toBe(0);
    expect(passed.stdout.trim()).toBe('✓ Contenu valide : 1 feuille de route, 3 fiches, 2 acteurs, 1 sigle.');
  });

  it('never lets content echoed in a message become a GitHub workflow command', () => {
    const tree = makeContentTree('valide', {
      'exemple/fiches/injection.md':
        '---\ntitre: Injection\nparent: a-1\nstatut: "en_cours\\n  ::add-mask::secret\\n##[error]v1"\ncalendrier: { debut: "2023\\n::error file=README.md::faux" }\n---\nTexte\n',
    });
    try {
      for (const format of [[], ['--format', 'github'], ['--json']]) {
        const out = run('--contenu', tree.dir, ...format);
        expect(out.status).toBe(1);
        const lines = out.stdout.split('\n');
        // The runner trims leading spaces, then reads "::command::"; "##[" anywhere is the older form.
        const commands = lines.filter((l) => l.trimStart().startsWith('::') && !/^::(error|warning) file=/.test(l));
        expect(commands, format.join(' ')).toEqual([]);
        expect(lines.filter((l) => l.includes('##['))).toEqual([]);
        // Each injected line is still there for a reader, made inert.
        expect(out.stdout).toMatch(/add-mask|\\u0023/);
      }
      const json = JSON.parse(run('--contenu', tree.dir, '--json').stdout);
      expect(json.erreurs.map((e: { message: string }) => e.message).join(' ')).toContain('##[error]');
    } finally {
      tree.remove();
    }
  });

  it('prints one JSON document with ok, erreurs and the model', () => {
    const out = run('--contenu', fixture('valide'), '--json');
    expect(out.status).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json.ok).toBe(true);
    expect(json.erreurs).toEqual([]);
    expect(json.feuilles_de_route[0].fiches[2]).toMatchObject({
      id: 'a-1-2-a', code: 'A.1.2.a', titre: 'Cartographie', type: 'sous_action',
      calendrier: { debut: '2023-07-01', fin: '2023-12-31', precision: 'semestre', texte: '2eme Semestre 2023' },
    });
  });
});

describe('validator keeps numbers as they are written', () => {
  // A plain number YAML would rewrite (1.10 → 1.1, 01 → 1, 1e3 → 1000, 0x10 → 16, .5 → 0.5)
  // keeps its written text where the digits carry meaning.
  const written = ['1.10', '01', '1e3', '0x10', '.5'];
  const tree = makeContentTree('valide', {
    'exemple/noeuds/n-1-10.md': '---\ncode: 1.10\nniveau: objectif\nparent: axe-a\n---\n',
    ...Object.fromEntries(written.map((code, i) => [
      `exemple/fiches/ecrit-${i}.md`,
      `---\ntitre: Écrit ${i}\ncode: ${code}\nparent: n-1-10\nsource: { pages: ${code} }\nsous_actions: [{ titre: Sous-action, code: ${code} }]\n---\n`,
    ])),
    'exemple/fiches/mesures.md': '---\ntitre: Mesures\nparent: a-1\nindicateurs:\n  - libelle: Lieux\n    cibles: [{ date: 2024, valeur: 1e3 }, { date: 2025, valeur: 1.10 }, { date: 2026, valeur: .5 }, { date: 2027, valeur: 12 }]\n---\n',
    'exemple/fiches/rang.md': '---\ntitre: Rang\nparent: a-1\nordre: 0x10\n---\n',
  });
  const result = validateProject(root, tree.dir);
  tree.remove();
  const rm = result.model.feuilles_de_route[0]!;
  const sheets = written.map((_, i) => rm.fiches.find((f) => f.id === `ecrit-${i}`)!);

  it('keeps the written code, page and sub-action code in the model and the CSV', () => {
    expect(sheets.map((f) => f.code)).toEqual(written);
    expect(sheets.map((f) => f.sous_actions[0]!.code)).toEqual(written);
    expect(sheets.map((f) => f.source.pages)).toEqual(written);
    expect(sheets.map((f) => sheetRow(rm, f, () => '').code)).toEqual(written);
  });

  it('shows the written code in page titles and breadcrumbs', () => {
    expect(sheets.map((f) => sheetLabel(f))).toEqual(written.map((code, i) => `${code} Écrit ${i}`));
    expect(rm.noeuds.find((n) => n.id === 'n-1-10')!.code).toBe('1.10');
    expect(ancestorCrumbs(rm, sheets[0]!.parents, (id) => id).map((c) => c.label)).toEqual(['Axe A : Piloter la stratégie', 'Objectif 1.10 : fiches .5 à 1e3']);
  });

  it('reads an indicator value written 1e3, 1.10 or .5 as its number, keeping the text written', () => {
    const cibles = rm.fiches.find((f) => f.id === 'mesures')!.indicateurs[0]!.cibles;
    expect(cibles.map((c) => [c.valeur, c.texte])).toEqual([[1000, '1e3'], [1.1, '1.10'], [0.5, '.5'], [12, '12']]);
  });

  it('refuses a rank written 0x10, saying how to write it', () => {
    expect(result.problems.map((p) => `${p.fichier.replace(/^.*\//, '')}:${p.ligne} ${p.chemin} ${p.message}`)).toEqual([
      'rang.md:4 ordre Le champ « ordre » doit être un nombre écrit simplement : écrivez 16 au lieu de « 0x10 » (sans guillemets, zéro en tête, « + », exposant ni notation hexadécimale).',
    ]);
  });
});

describe('a sheet without parent', () => {
  it('is a warning, at the sheet, in a roadmap that declares levels', () => {
    const tree = makeContentTree('valide', { 'exemple/fiches/orpheline.md': '---\ntitre: Fiche sans parent\ncode: Z\n---\n' });
    const result = validateProject(root, tree.dir);
    expect(result.ok).toBe(true);
    expect(result.problems.map((p) => [p.fichier.replace(/^.*\/content\//, ''), p.ligne, p.gravite, p.message])).toEqual([[
      'exemple/fiches/orpheline.md', 2, 'avertissement',
      'La fiche n\'a pas de « parent » : elle n\'est rangée sous aucun axe de la feuille de route, qui déclare des niveaux. Ajoutez « parent: <identifiant> », l\'identifiant d\'un fichier de exemple/noeuds/ ou exemple/fiches/ (par exemple « axe-a »).',
    ]]);
    tree.remove();
  });

  it('is fine in a roadmap without levels (a single sheet, as the real Maine-et-Loire one)', () => {
    const real = validateProject(root);
    const rm = real.model.feuilles_de_route.find((r) => r.id === 'maine-et-loire-mediation-numerique')!;
    expect(rm.fiches.map((f) => f.parent ?? null)).toEqual([null]);
    expect(real.problems.filter((p) => p.message.includes('pas de « parent »'))).toEqual([]);
  });
});
