/**
 * Refuses to build invalid content before Astro renders a single page: the same
 * validator as `npm run validate`, with the same messages.
 */
import type { AstroIntegration } from 'astro';
import { formatHuman } from './lib/content/report.ts';
import { contentDir } from './lib/site/paths.ts';
import { validateProject } from './lib/validate-project.ts';

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
    },
  };
}
