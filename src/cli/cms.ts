/**
 * npm run cms
 * Regenerates public/admin/config.yml from the zod schemas and copies Sveltia CMS from
 * node_modules, so that the site serves its own CMS at /admin/ (never from a CDN).
 * Forge settings come from JALONS_CMS_BACKEND, JALONS_CMS_REPO, JALONS_CMS_BRANCH, JALONS_CMS_AUTH_URL, JALONS_CMS_API_URL.
 */
import { writeCms } from '../lib/editor/cms-config.ts';

const written = writeCms(process.cwd());
process.stdout.write(`✓ CMS prêt à /admin/ : ${written.join(', ')}\n`);
