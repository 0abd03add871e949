/**
 * npm run editer
 * The CMS on this computer, without an account: Decap CMS's local backend (decap-server) reads
 * and writes content/ directly, and /admin/ is served on loopback with the generated
 * configuration pointed at it. The preview wears the site's stylesheet when the site has been
 * built (dist/).
 */
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCommand, usageError } from './cli-args.ts';
import { cmsOptionsFromEnv, writeCms } from '../lib/editor/cms-config.ts';
import { startLocalBackend } from '../../scripts/local-backend.ts';
import { serveStatic } from '../../scripts/static-server.ts';

const spec = {
  commande: 'npm run editer',
  resume: 'Ouvre le CMS (/admin/) sur cet ordinateur, sans compte : les fiches enregistrées sont écrites directement dans content/. Relisez-les ensuite avec npm run validate, puis git diff.',
  options: {
    port: { type: 'string', valeur: '<port>', aide: 'port du serveur local de Decap CMS (par défaut un port libre)' },
  },
  notes: ['Arrêt : Ctrl+C. L\'aperçu prend la feuille de style du site s\'il a été construit (npm run build).'],
} as const;
const { values } = parseCommand(spec);
const port = values.port === undefined ? undefined : Number(values.port);
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) usageError(spec, `Le port « ${values.port} » ne convient pas : un nombre entre 1 et 65535.`);

const root = process.cwd();
const options = cmsOptionsFromEnv();
const backend = await startLocalBackend(resolve(root), { port });
// /admin/ is written beside the project's own files, never into public/ (which the build copies).
const site = join(root, '.jalons', 'editer');
rmSync(site, { recursive: true, force: true });
mkdirSync(site, { recursive: true });
const built = join(root, process.env['JALONS_OUT_DIR'] ?? 'dist', '_astro');
if (existsSync(built)) symlinkSync(resolve(built), join(site, '_astro'));
writeCms(root, { ...options, localBackendUrl: backend.url }, join(site, 'admin'));
const web = await serveStatic(site);
process.stdout.write(`✓ CMS local prêt : ${web.url}admin/ (bouton « Se connecter », sans compte)\n`
  + `  Les fiches enregistrées sont écrites dans ${options.contentPath}/ ; relisez-les avec npm run validate puis git diff.\n`
  + `${existsSync(built) ? '' : '  Aperçu sans la feuille de style du site : lancez npm run build une fois pour l\'avoir.\n'}`
  + '  Ctrl+C pour arrêter.\n');

const stop = async () => {
  await web.close();
  await backend.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
