/**
 * npm run cms
 * Regenerates public/admin/config.yml from the zod schemas and copies Decap CMS from
 * node_modules, so that the site serves its own CMS at /admin/ (never from a CDN).
 * Forge settings come from JALONS_CMS_BACKEND, JALONS_CMS_REPO, JALONS_CMS_BRANCH, JALONS_CMS_AUTH_URL, JALONS_CMS_API_URL.
 */
import { parseCommand } from './cli-args.ts';
import { writeCms } from '../lib/editor/cms-config.ts';

parseCommand({
  commande: 'npm run cms',
  resume: 'Régénère public/admin/config.yml à partir des schémas zod et copie Decap CMS depuis node_modules : le site sert son propre CMS à /admin/. Pour modifier les fichiers de ce dossier sans compte : npm run editer.',
  options: {},
  notes: ['Dépôt visé : variables JALONS_CMS_BACKEND (github | gitlab), JALONS_CMS_REPO (organisation/depot), JALONS_CMS_BRANCH, JALONS_CMS_AUTH_URL, JALONS_CMS_API_URL (voir docs/guide-editeur.md).'],
});

const written = writeCms(process.cwd());
process.stdout.write(`✓ CMS prêt à /admin/ : ${written.join(', ')}\n`);
