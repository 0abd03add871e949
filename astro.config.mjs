// @ts-check
import { defineConfig } from 'astro/config';
import jalons from './src/integration.ts';

// The site URL and base path come from the environment so that one build works at a
// domain root (JALONS_SITE=https://example.org) or under a project path (JALONS_BASE=/jalons/).
const site = process.env.JALONS_SITE || 'https://jalons.example.org';
const base = process.env.JALONS_BASE || '/';

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  outDir: process.env.JALONS_OUT_DIR || './dist',
  build: { format: 'directory', inlineStylesheets: 'never' },
  compressHTML: true,
  devToolbar: { enabled: false },
  // Incremental builds: a node or sheet page whose cache key is unchanged is copied from
  // the previous build. npm run build gives each content folder and settings a cache of its
  // own (JALONS_CACHE_DIR); JALONS_SANS_CACHE=1 renders every page.
  cacheDir: process.env.JALONS_CACHE_DIR || './node_modules/.astro',
  experimental: { incrementalBuild: process.env.JALONS_SANS_CACHE !== '1' },
  integrations: [jalons()],
  // Mermaid's chunk (650 kB) is loaded only by the pages that draw a diagram: Vite's
  // advice to split it is meant for developers and only worried editors at each build.
  vite: { build: { chunkSizeWarningLimit: 1024 } },
});
