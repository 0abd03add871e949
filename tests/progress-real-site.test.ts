/**
 * The « Avancement » and « Actualités » pages of the real site, whose roadmaps keep few
 * progress entries: every roadmap says what is known of its progress, or that nothing is.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { Model } from '../src/lib/model/types.ts';

const siteDir = inject('siteDir');
const model = JSON.parse(readFileSync(join(siteDir, 'donnees', 'jalons.json'), 'utf8')) as Model;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '\'').replace(/\s+/g, ' ').trim();

describe('progress pages of the real site', () => {
  it('« Avancement » has a section per roadmap, each with its statuses or saying none is known', () => {
    const html = readFileSync(join(siteDir, 'avancement', 'index.html'), 'utf8');
    const sections = html.split('<section aria-labelledby="avancement-').slice(1);
    expect(sections).toHaveLength(model.feuilles_de_route.length);
    for (const s of sections) expect(text(s)).toMatch(/ont un statut\.|a un statut\.|Aucune fiche n'a de statut : /);
  });

  it('« Actualités » lists every progress entry and report, or says there is none yet', () => {
    const html = readFileSync(join(siteDir, 'actualites', 'index.html'), 'utf8');
    const count = model.feuilles_de_route.reduce((n, rm) => n + rm.bilans.length + rm.fiches.reduce((m, f) => m + f.suivi.length, 0), 0);
    if (count === 0) expect(text(html)).toContain('Aucune étape de suivi ni aucun bilan');
    else expect(html.split('<ol class="frise-suivi actualites"')[1]!.split('</ol>')[0]!.match(/<li>/g)).toHaveLength(Math.min(count, 200));
    for (const rm of model.feuilles_de_route) expect(html).toContain(`href="/donnees/${rm.id}.actualites.atom"`);
  });

  it('a roadmap page has a section of its own objectives, indicators and milestones only when it states some, and no empty heading', () => {
    for (const rm of model.feuilles_de_route) {
      const html = readFileSync(join(siteDir, rm.id, 'index.html'), 'utf8');
      expect(html.includes('<h2 id="cap">'), rm.id).toBe(rm.objectifs.length + rm.indicateurs.length + rm.jalons.length > 0);
      expect(html.includes('id="cap-objectifs"'), rm.id).toBe(rm.objectifs.length > 0);
      expect(html.includes('id="cap-indicateurs"'), rm.id).toBe(rm.indicateurs.length > 0);
      expect(html.includes('id="cap-jalons"'), rm.id).toBe(rm.jalons.length > 0);
    }
  });
});
