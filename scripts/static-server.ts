/**
 * A minimal static file server for a built site, on loopback only: used by the
 * browser tests, the screenshots and the benchmarks. Serves `404.html` for
 * missing paths, as static hosts do.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { createGzip } from 'node:zlib';
import { headersFor, parseHeadersFile } from '../src/lib/site/embeds.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.wasm': 'application/wasm',
  '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8', '.csv': 'text/csv; charset=utf-8', '.ics': 'text/calendar',
  '.pf_meta': 'application/octet-stream', '.pf_index': 'application/octet-stream', '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream', '.yml': 'text/yaml', '.pdf': 'application/pdf',
};

/** Text that hosts compress on the fly; Pagefind's own files are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.json', '.svg', '.xml', '.txt', '.csv', '.ics', '.yml']);

export interface RunningServer { url: string; close(): Promise<void>; server: Server }

/**
 * `cors`: answer with `Access-Control-Allow-Origin: *`, as GitHub or GitLab Pages do, so another site may merge this one's search index.
 * `gzip`: compress text as those hosts do, for measuring what a reader really downloads.
 * `headers`: send the headers the site's `_headers` file sets, as Netlify or Cloudflare Pages do (framing rules).
 */
export function serveStatic(root: string, base = '/', options: { cors?: boolean; gzip?: boolean; headers?: boolean } = {}): Promise<RunningServer> {
  const rules = options.headers && existsSync(join(root, '_headers')) ? parseHeadersFile(readFileSync(join(root, '_headers'), 'utf8')) : [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(base)) {
      res.writeHead(404).end();
      return;
    }
    let file = normalize(join(root, path.slice(base.length)));
    if (!file.startsWith(normalize(root))) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    const status = existsSync(file) ? 200 : 404;
    if (status === 404) file = join(root, '404.html');
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const gzip = options.gzip && COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(status, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      ...(options.cors ? { 'access-control-allow-origin': '*' } : {}),
      ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
      ...Object.fromEntries(headersFor(rules, path)),
    });
    const body = createReadStream(file);
    if (gzip) body.pipe(createGzip()).pipe(res);
    else body.pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}${base}`,
        server,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}
