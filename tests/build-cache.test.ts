/**
 * The incremental-build cache folder (src/cli/build-render.ts): one per content folder and
 * output settings, the same from one build to the next. A hub's builds each name their sources'
 * states file after their process: that name must not give each build a new, empty cache.
 */
import { describe, expect, it } from 'vitest';
import { cacheFolderKey } from '../src/lib/build/cache-keys.ts';

const settings = { JALONS_BASE: '/jalons/', JALONS_SOURCES: 'National=https://national.example.org/donnees/jalons.json', PATH: '/usr/bin' };

describe('cache folder of a build', () => {
  it('is the same for two builds of a hub, whose sources file, output folder, log level and day differ', () => {
    const first = cacheFolderKey('/site/content', { ...settings, JALONS_SOURCES_ETAT: '/site/.jalons/construction-101-sources.json', JALONS_OUT_DIR: 'dist', JALONS_AUJOURDHUI: '2026-12-03' });
    const second = cacheFolderKey('/site/content', { ...settings, JALONS_SOURCES_ETAT: '/site/.jalons/construction-202-sources.json', JALONS_OUT_DIR: 'autre', JALONS_LOG: 'info', JALONS_AUJOURDHUI: '2026-12-04' });
    expect(second).toBe(first);
  });

  it('differs for another content folder, other sources or another base path', () => {
    const key = cacheFolderKey('/site/content', settings);
    expect(cacheFolderKey('/site/autre-contenu', settings)).not.toBe(key);
    expect(cacheFolderKey('/site/content', { ...settings, JALONS_SOURCES: 'https://autre.example.org/donnees/jalons.json' })).not.toBe(key);
    expect(cacheFolderKey('/site/content', { ...settings, JALONS_BASE: '/' })).not.toBe(key);
    // Variables that are not Jalons' own never change it.
    expect(cacheFolderKey('/site/content', { ...settings, PATH: '/bin' })).toBe(key);
  });
});
