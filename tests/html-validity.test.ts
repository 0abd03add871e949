/**
 * HTML validity gate: every page of the built site passes html-validate with the
 * project's .htmlvalidate.json (html-validate:recommended, a few rules off).
 * JSON has no comments, so the reason for each rule turned off is kept here, and
 * the test fails if the configuration turns off a rule without one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate, StaticConfigLoader, type ConfigData } from 'html-validate';
import { describe, expect, inject, it } from 'vitest';
import { ROOT } from './support/content-tree.ts';
import { readPages } from './support/html.ts';

/** Rules off in .htmlvalidate.json, each a deliberate choice of the site. */
const RULES_OFF: Record<string, string> = {
  'no-inline-style':
    'The Gantt charts place each bar and graduation with an inline style (left/width in %, computed from the data); the CSP allows it (style-src \'unsafe-inline\') and Mermaid needs it too.',
  'long-title':
    'A page title is the full title of a sheet or roadmap, as printed in the source document, followed by « · Jalons »: titles of 100+ characters are the content, not a mistake (the rule is an SEO guideline, not validity).',
  'doctype-style':
    'Letter case of <!doctype html> is insignificant in HTML; Astro writes it in capitals, the CMS page (public/admin/index.html) in lower case.',
};

const config = JSON.parse(readFileSync(join(ROOT, '.htmlvalidate.json'), 'utf8')) as ConfigData;

describe('HTML validity of every built page', () => {
  it('.htmlvalidate.json extends the recommended rules and turns off only the documented ones', () => {
    expect(config.extends).toEqual(['html-validate:recommended']);
    const off = Object.entries(config.rules ?? {}).filter(([, v]) => (Array.isArray(v) ? v[0] : v) === 'off' || (Array.isArray(v) ? v[0] : v) === 0).map(([k]) => k);
    expect(off.sort()).toEqual(Object.keys(RULES_OFF).sort());
  });

  it('every page passes html-validate', async () => {
    const pages = readPages(inject('siteDir'));
    expect(pages.length).toBeGreaterThan(100);
    const validator = new HtmlValidate(new StaticConfigLoader(config));
    const errors: string[] = [];
    for (const page of pages) {
      const report = await validator.validateString(page.html, page.file);
      for (const r of report.results) {
        for (const m of r.messages) errors.push(`${page.file}:${m.line}:${m.column} ${m.ruleId} ${m.message}${m.selector ? ` (${m.selector})` : ''}`);
      }
    }
    // Show the first few in full; the count says how widespread it is.
    expect(errors.slice(0, 30), `${errors.length} erreur(s) de validité HTML`).toEqual([]);
  }, 120_000);
});
