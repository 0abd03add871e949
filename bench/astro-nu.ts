/**
 * The baseline: a bare Astro project (one content collection with the glob loader,
 * one page template, nothing else) that builds the same sheets' Markdown.
 * Written to bench/out/astro-nu/; it resolves `astro` from the repository's node_modules.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** `pattern`: the sheets under `contentDir` (a hub's are in one folder per source site). */
export function writeBareAstro(projectDir: string, contentDir: string, pattern = '*/fiches/*.md'): void {
  rmSync(join(projectDir, 'src'), { recursive: true, force: true });
  mkdirSync(join(projectDir, 'src', 'pages'), { recursive: true });
  writeFileSync(join(projectDir, 'package.json'), `${JSON.stringify({ name: 'astro-nu', private: true, type: 'module' }, null, 2)}\n`);
  writeFileSync(
    join(projectDir, 'astro.config.mjs'),
    `import { defineConfig } from 'astro/config';\nexport default defineConfig({ outDir: process.env.ASTRO_NU_OUT || './dist', devToolbar: { enabled: false } });\n`,
  );
  const base = relative(projectDir, contentDir).split('\\').join('/');
  writeFileSync(
    join(projectDir, 'src', 'content.config.ts'),
    `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';

export const collections = {
  fiches: defineCollection({ loader: glob({ pattern: ${JSON.stringify(pattern)}, base: ${JSON.stringify(base)} }) }),
};
`,
  );
  writeFileSync(
    join(projectDir, 'src', 'pages', '[...id].astro'),
    `---
import { getCollection, render } from 'astro:content';

export async function getStaticPaths() {
  const fiches = await getCollection('fiches');
  return fiches.map((entry) => ({ params: { id: entry.id }, props: { entry } }));
}
const { entry } = Astro.props;
const { Content } = await render(entry);
---
<!doctype html>
<html lang="fr">
  <head><meta charset="utf-8" /><title>{String(entry.data.titre ?? entry.id)}</title></head>
  <body><main><h1>{String(entry.data.titre ?? entry.id)}</h1><Content /></main></body>
</html>
`,
  );
}
