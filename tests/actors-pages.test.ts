/**
 * Actor pages on the real site (#18, point 5): every roadmap and page an actor takes part in,
 * with its role, including the texts that name it without a role; the index says of each
 * actor without a role whether a text cites it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

const siteDir = inject('siteDir');
const main = (...parts: string[]) => {
  const html = readFileSync(join(siteDir, ...parts, 'index.html'), 'utf8');
  return html.slice(html.indexOf('<main'), html.indexOf('</main>'));
};
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '\'').replace(/\s+/g, ' ');

describe('pages des acteurs', () => {
  it('une organisation citée seulement dans des textes (ARCEP) a ces pages, par feuille de route, au lieu de « aucune mention »', () => {
    const html = main('acteurs', 'arcep');
    expect(text(html)).toContain('Nommée dans 2 pages de 1 feuille de route.');
    expect(html).toContain('<h2 id="fdr-aisne-feuille-de-route-numerique"><a href="/aisne-feuille-de-route-numerique/">');
    expect(text(html)).toMatch(/Citée dans le texte 4 Aménagement numérique, Smart Grids et territoires intelligents nommée dans le texte, sans rôle précisé par la source/);
    expect(html).toContain('href="/aisne-feuille-de-route-numerique/theme-amenagement-numerique/"');
  });

  it('une entreprise nommée comme acteur d\'une fiche (3DWave) dit la fiche, le rôle et sa précision', () => {
    const t = text(main('acteurs', '3dwave'));
    expect(t).toContain('Nature Entreprise');
    expect(t).toContain('Acteur de la fiche Mettre à disposition des outils numériques dans les musées cas d’usage : partenaire de l’application « Musée Bardo UP » (2019)');
  });

  it('l\'index dit, pour chaque organisation sans rôle, si un texte la cite', () => {
    const html = main('acteurs');
    const section = text(html.slice(html.indexOf('id="sans-role"')));
    expect(section).toContain('Autorité de régulation des communications électroniques, des postes et de la distribution de la presse (ARCEP) — État et services de l\'État, citée dans le texte de 2 pages');
    expect(section).not.toContain('aucune mention');
    expect(section).not.toContain('0 mention');
    const items = html.slice(html.indexOf('id="sans-role"')).match(/<li>/g)!.length;
    expect(items).toBeGreaterThan(3);
    expect([...section.matchAll(/ — [^—]+?, (citée dans le texte de \d+ pages?|citée nulle part)/g)]).toHaveLength(items);
  });
});
