/**
 * Refuses to build invalid content before Astro renders a single page: the same
 * validator as `npm run validate`, with the same messages. Once the pages are
 * rendered, writes the open-data files of /donnees/ (src/lib/export/catalogue.ts):
 * thousands of small calendars written directly, rather than each through Astro's
 * page pipeline, which cost about 2 ms a file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { sharedDownloads } from './lib/export/catalogue.ts';
import { formatHuman } from './lib/build/report.ts';
import { isMainPart, partFromEnv } from './lib/build/build-part.ts';
import { contentDir } from './lib/content/paths.ts';
import { validateProject } from './lib/model/validate-project.ts';

export default function jalons(): AstroIntegration {
  return {
    name: 'jalons',
    hooks: {
      'astro:config:setup': ({ config }) => {
        const root = new URL(config.root).pathname;
        const result = validateProject(root, contentDir(root));
        if (!result.ok) {
          throw new Error(`Contenu invalide : le site n'est pas construit.\n\n${formatHuman(result.problems, result.model)}`);
        }
      },
      'astro:build:done': ({ dir }) => {
        // When the rendering is split (src/lib/build/build-part.ts), the first process writes them.
        if (!isMainPart(partFromEnv())) return;
        const out = fileURLToPath(dir);
        // The Données page, rendered in every build, computed them (src/pages/donnees/_contexte.ts).
        const list = sharedDownloads();
        if (!list) throw new Error('Les fichiers de données ouvertes n\'ont pas été calculés : la page /donnees/ n\'a pas été construite.');
        for (const d of list) {
          const file = join(out, d.chemin);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, d.contenu());
        }
      },
    },
  };
}
