/**
 * The home page of the real site opens on its map of France: one link per territory
 * that has roadmaps (régions and départements), the muted rest hidden from screen
 * readers, the same links as a text list, the attribution of the boundaries; and the
 * committed geometry stays within its size budget.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

const KB = 1024;
const siteDir = inject('siteDir');
const home = () => readFileSync(join(siteDir, 'index.html'), 'utf8');
const GEOMETRY = join(import.meta.dirname, '..', 'src', 'data', 'carte-france.json');

describe('carte de France de l\'accueil', () => {
  it('un lien par territoire ayant une feuille de route, nommé, vers la feuille ou la liste de ses feuilles', () => {
    const section = home().match(/<section class="territoires"[\s\S]*?<\/section>/)![0];
    const mapLinks = [...section.matchAll(/<a href="([^"]+)" class="territoires-lien" aria-label="([^"]+)"/g)].map((m) => [m[2], m[1]]);
    expect(mapLinks).toEqual([
      ['Pays de la Loire', '/scoran-pays-de-la-loire/'],
      ['Aisne', '/aisne-feuille-de-route-numerique/'],
      ['Maine-et-Loire : 2 feuilles de route', '#territoire-departement-49'],
      ['Mayenne', '/may-num-mayenne/'],
    ]);
    // The two Maine-et-Loire roadmaps are listed where its map link leads.
    const entry = section.match(/<li id="territoire-departement-49">[\s\S]*?<\/ul>/)![0];
    expect([...entry.matchAll(/href="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(['/maine-et-loire-mediation-numerique/', '/mednum49-2023-2025/']);
  });

  it('la liste des territoires reprend les mêmes liens en texte, et les territoires muets ne sont pas annoncés', () => {
    const section = home().match(/<section class="territoires"[\s\S]*?<\/section>/)![0];
    const list = section.match(/<ul class="territoires-liste">[\s\S]*<\/ul>/)![0];
    const text = list.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    expect(text).toContain('Pays de la Loire (région)');
    expect(text).toContain('Aisne (département)');
    expect(text).toContain('Maine-et-Loire (département)');
    expect(text).toContain('Mayenne (département)');
    expect(list).toContain('<a href="/may-num-mayenne/">Mayenne</a>');
    expect(section).toMatch(/<g aria-hidden="true">(?:(?!<\/g>)[\s\S])*<path class="territoires-muet" d="M/);
    expect(section).toContain('Contours : IGN ADMIN EXPRESS (2018), Licence Ouverte');
  });

  it('la géométrie simplifiée versionnée tient dans 70 Ko pour les deux échelons', () => {
    expect(statSync(GEOMETRY).size).toBeLessThanOrEqual(70 * KB);
    const geometry = JSON.parse(readFileSync(GEOMETRY, 'utf8')) as { departements: Record<string, unknown>; regions: Record<string, unknown> };
    expect(Object.keys(geometry.departements)).toHaveLength(101);
    expect(Object.keys(geometry.regions)).toHaveLength(18);
  });

  it('chaque page de feuille de route situe son territoire sur une petite carte décrite en texte', () => {
    const label = (id: string) => readFileSync(join(siteDir, id, 'index.html'), 'utf8').match(/<svg class="territoire-situation"[^>]*aria-label="([^"]+)"/)?.[1];
    expect(label('may-num-mayenne')).toBe('Mayenne, dans la région Pays de la Loire');
    expect(label('aisne-feuille-de-route-numerique')).toBe('Aisne, dans la région Hauts-de-France');
    expect(label('scoran-pays-de-la-loire')).toBe('Pays de la Loire, dans la France métropolitaine');
  });
});
