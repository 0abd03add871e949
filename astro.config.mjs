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
  integrations: [jalons()],
});
