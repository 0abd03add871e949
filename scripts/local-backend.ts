/**
 * Decap CMS's local backend (decap-server, from node_modules) on loopback, in « fs » mode: it
 * reads and writes the files of `repo` directly, no account and no Git host. Used by
 * « npm run editer » and by the CMS's browser test, which points it at a copy of content/.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';

export interface LocalBackend { url: string; port: number; close(): Promise<void>; output(): string }

/** A free loopback port, asked of the system rather than guessed. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startLocalBackend(repo: string, options: { port?: number; timeoutMs?: number } = {}): Promise<LocalBackend> {
  const port = options.port ?? (await freePort());
  const entry = createRequire(import.meta.url).resolve('decap-server');
  const child = spawn(process.execPath, [entry], {
    cwd: repo,
    env: { ...process.env, PORT: String(port), BIND_HOST: '127.0.0.1', MODE: 'fs', GIT_REPO_DIRECTORY: repo, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (log += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (log += d));
  const url = `http://127.0.0.1:${port}/api/v1`;
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  // Ready when it answers the CMS's first question; bounded, and its own words if it fails.
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'info' }) });
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await close();
      throw new Error(`Le serveur local de Decap CMS (decap-server) n'a pas démarré sur le port ${port} :\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, port, close, output: () => log };
}
