/**
 * What every command does before its own work: French help on --help (exit 0), a French
 * message and the help for an option it does not know (exit 2, never a stack trace), no
 * crash when its reader closes the pipe, and a JSON report that is JSON and nothing else.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helpText } from '../src/cli/cli-args.ts';
import { ROOT } from './support/content-tree.ts';
import { pool, runCli } from './support/run.ts';

/** A stack frame (« at f (file:1:2) » at the start of a line) or a Node internal: help text may say « format (…) ». */
const STACK_TRACE = /^\s+at .*\(|node:internal\/|^\w*Error\b/m;
const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
/** Every npm script that runs one of the project's commands (src/cli/*.ts). */
const COMMANDS = Object.entries(scripts)
  .map(([name, line]) => [name, /^node (src\/cli\/[\w-]+\.ts)$/.exec(line)?.[1]] as const)
  .filter((c): c is readonly [string, string] => c[1] !== undefined);
/** The commands whose options src/cli/cli-args.ts reads: all of them. */
const SHARED = COMMANDS.filter(([, file]) => readFileSync(join(ROOT, file), 'utf8').includes("from './cli-args.ts'"));

describe('--help', () => {
  it('covers the commands the issue named, and nouveau-noeud', () => {
    expect(COMMANDS.map(([n]) => n)).toEqual(expect.arrayContaining(['validate', 'build', 'nouvelle-fiche', 'nouvelle-feuille-de-route', 'nouveau-noeud', 'importer', 'guide', 'cms', 'resume-pr']));
    expect(COMMANDS.map(([n]) => n)).toEqual(expect.arrayContaining(['point-d-etape', 'relances']));
    expect(SHARED.map(([n]) => n)).toEqual(COMMANDS.map(([n]) => n));
  });

  it('prints French usage and exits 0 on every command, doing nothing else', async () => {
    const runs = await pool(COMMANDS, 4, ([, file]) => runCli(file, ['--help'], { JALONS_OUT_DIR: join(mkdtempSync(join(tmpdir(), 'jalons-aide-')), 'site') }));
    COMMANDS.forEach(([name], i) => {
      const r = runs[i]!;
      expect(r.status, name).toBe(0);
      expect(r.stdout, name).toMatch(new RegExp(`^Usage : npm run ${name}\\b`));
      expect(r.stdout + r.stderr, name).not.toMatch(STACK_TRACE);
      // Nothing was built: the help of build returns at once.
      expect(r.stdout, name).not.toContain('Site construit');
    });
  });

  it('lists each option with its French explanation, and -h, --aide the same', async () => {
    const r = await runCli('src/cli/nouvelle-feuille-de-route.ts', ['-h']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Options :');
    expect(r.stdout).toMatch(/--porteur <acteur> +organisation qui la porte : identifiant, nom ou sigle d'un acteur de content\/acteurs\/ \(répétable\)/);
    expect(r.stdout).toMatch(/--niveau-territoire <niveau> +échelon : commune, epci, departement, region, national/);
    expect(r.stdout).toMatch(/-h, --aide, --help +affiche cette aide/);
    expect((await runCli('src/cli/nouvelle-feuille-de-route.ts', ['--aide'])).stdout).toBe(r.stdout);
  });
});

describe('a mistake on the command line', () => {
  it('is said in French with the closest option, then the help; exit 2, no stack trace', async () => {
    const runs = await pool(SHARED, 4, ([, file]) => runCli(file, ['--contenuu', 'x']));
    SHARED.forEach(([name], i) => {
      const r = runs[i]!;
      expect(r.status, name).toBe(2);
      expect(r.stderr, name).toMatch(/^✗ Option inconnue « --contenuu »\./);
      expect(r.stderr, name).toContain(`Usage : npm run ${name}`);
      expect(r.stdout + r.stderr, name).not.toMatch(STACK_TRACE);
    });
    expect(runs[SHARED.findIndex(([n]) => n === 'validate')]!.stderr).toContain('Vouliez-vous dire « --contenu » ?');
  });

  it('names an option given without its value, and a missing required option', async () => {
    const noValue = await runCli('src/cli/nouvelle-fiche.ts', ['--feuille-de-route']);
    expect(noValue.status).toBe(2);
    expect(noValue.stderr).toMatch(/^✗ L'option « --feuille-de-route » attend une valeur : « --feuille-de-route <identifiant> »\./);
    const missing = await runCli('src/cli/nouveau-noeud.ts', ['--titre', 'Axe']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^✗ Il manque --feuille-de-route\./);
    const format = await runCli('src/cli/validate.ts', ['--format', 'xml']);
    expect(format.status).toBe(2);
    expect(format.stderr).toMatch(/^✗ Format « xml » inconnu : texte, github ou json\./);
  });

  it('builds the help from the declared options, so none is left out', () => {
    const text = helpText({ commande: 'npm run x --', resume: 'Fait x.', options: { a: { type: 'string', aide: 'la valeur a' }, b: { type: 'boolean', aide: 'le drapeau b', short: 'b' } } });
    expect(text).toBe(['Usage : npm run x -- [options]', '', 'Fait x.', '', 'Options :', '  --a <valeur>        la valeur a', '  -b, --b             le drapeau b', '  -h, --aide, --help  affiche cette aide'].join('\n'));
  });
});

describe('output for other programs', () => {
  it('stops quietly when the reader closes the pipe (validate --json | head)', () => {
    // The real content's report is over a megabyte: far more than a pipe holds, so the write fails.
    const r = spawnSync('bash', ['-c', 'node src/cli/validate.ts --json | head -c 100 > /dev/null; echo "statut=${PIPESTATUS[0]}" >&2'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('statut=0\n');
  });

  it('--sortie writes pure JSON to a file and nothing on screen', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'jalons-sortie-json-')), 'rapport.json');
    const r = await runCli('src/cli/validate.ts', ['--json', '--sortie', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ ok: true, erreurs: [] });
  });

  it('npm run -s validate -- --json, as the guide says, prints only JSON', async () => {
    const r = await new Promise<{ status: number | null; stdout: string }>((done) => {
      const child = spawn('npm', ['run', '-s', 'validate', '--', '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.on('close', (status) => done({ status, stdout }));
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true });
  });
});
