/** Runs the project's command-line tools as a user would, without blocking the test worker. */
import { spawn } from 'node:child_process';
import { ROOT } from './content-tree.ts';

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * The environment without what Vitest adds to it for Vite (BASE_URL, MODE, DEV, PROD, SSR): a
 * user's shell has none of them, and a build given BASE_URL=/ ignores JALONS_BASE.
 */
function userEnv(): NodeJS.ProcessEnv {
  const { BASE_URL: _base, MODE: _mode, DEV: _dev, PROD: _prod, SSR: _ssr, ...rest } = process.env;
  return rest;
}

export function runCli(script: string, args: string[] = [], env: Record<string, string> = {}, timeoutMs = 120_000): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, env: { ...userEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/**
 * Builds `content` (relative to the project, "" for content/) into `out` as `npm run build`
 * does, on the tests' fixed "today", and throws with the build's own output if it fails
 * (or is killed after `timeoutMs`, runCli's bound by default).
 */
export async function buildSite(content: string, out: string, env: Record<string, string> = {}, timeoutMs?: number): Promise<RunResult> {
  const run = await runCli('src/cli/build.ts', [], { JALONS_CONTENT_DIR: content, JALONS_OUT_DIR: out, JALONS_AUJOURDHUI: '2024-03-15', ...env }, timeoutMs);
  if (run.status !== 0) throw new Error(`La construction de ${content || 'content/'} a échoué :\n${run.stdout}\n${run.stderr}`);
  return run;
}

/** Maps `items` through `fn` with at most `limit` running at once, keeping the order. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
