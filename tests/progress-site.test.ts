/**
 * The fixture roadmap with a year of progress entries, built on 2025-01-15: every page
 * type shows the progress in words (status badge with its date, timeline newest first,
 * milestones, late sheets, roll-ups, reports), and the pages stay valid HTML.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { HtmlValidate, StaticConfigLoader, type ConfigData } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/content-tree.ts';
import { buildSite } from './support/run.ts';

const out = mkdtempSync(join(tmpdir(), 'jalons-suivi-site-'));
const page = (path: string) => readFileSync(join(out, path, 'index.html'), 'utf8');
/** The visible text of an HTML fragment, spaces collapsed. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '\'').replace(/\s+/g, ' ').trim();
const section = (html: string, id: string) => html.slice(html.indexOf(`aria-labelledby="${id}"`)).split('</section>')[0]!;

beforeAll(async () => {
  await buildSite('tests/fixtures/suivi', out, { JALONS_AUJOURDHUI: '2025-01-15' });
}, 180_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('progress on the built pages, on 2025-01-15', () => {
  it('a sheet shows its status with its date and its late flag in words', () => {
    const html = page('suivi/a-1');
    expect(text(html)).toContain('En cours depuis mars 2024');
    expect(text(html)).toContain('⚠ En retard');
    expect(text(section(html, 'suivi'))).toContain('En retard : Jalon passé non atteint : Charte signée.');
    expect(text(page('suivi/b-1'))).toContain('Réalisée depuis le 30 septembre 2024');
    expect(text(page('suivi/b-3'))).not.toContain('En retard');
    expect(text(section(page('suivi/b-1'), 'sous-actions'))).toContain('Statut actuel Tournée d\'été juillet 2024 — — Réalisée (juillet 2024), 100 %');
  });

  it('a sheet lists its entries in an ordered list, newest first, dates at their precision', () => {
    const suivi = section(page('suivi/a-1'), 'suivi');
    const list = suivi.slice(suivi.indexOf('<ol'), suivi.indexOf('</ol>'));
    const dates = [...list.matchAll(/<time datetime="([^"]+)">([^<]+)<\/time>/g)].map((m) => [m[1], m[2]]);
    expect(dates).toEqual([
      ['2025-01-10', '10 janvier 2025'], ['2024-10', 'octobre 2024'], ['2024-06-15', '15 juin 2024'], ['2024-03', 'mars 2024'], ['2024-01-20', '20 janvier 2024'],
    ]);
    expect(text(list)).toContain('Valeurs mesurées : Aidants formés : 35 personnes');
    expect(list).toContain('<strong>12 structures</strong>');
  });

  it('a sheet shows its milestones reached or late, and its measured values against targets in the table', () => {
    const suivi = text(section(page('suivi/a-1'), 'suivi'));
    expect(suivi).toContain('Lancement du réseau mars 2024 ✓ atteint (mars 2024)');
    expect(suivi).toContain('Charte signée décembre 2024 ⚠ en retard : passé, non atteint');
    expect(suivi).toContain('Avancement 55 %');
    const indicators = text(section(page('suivi/a-1'), 'indicateurs'));
    expect(indicators).toContain('Indicateur 2023 2024 2024-06-15 octobre 2024 2025 Aidants formés (personnes) 0 40 18 (mesure) 35 (mesure) 100');
    // The chart only illustrates the table: hidden from screen readers, and its date labels,
    // too close to all fit, thinned to the first, the last and one between.
    const charts = section(page('suivi/a-1'), 'indicateurs').split('<div class="cartes graphiques" aria-hidden="true">')[1]!;
    expect(charts).toBeDefined();
    expect([...charts.matchAll(/<text class="texte-axe"[^>]*text-anchor="middle">([^<]+)<\/text>/g)].map((m) => m[1])).toEqual(['2023', '2024', '2025']);
  });

  it('the roadmap and its nodes sum up progress: counts by status in words, late sheets, latest news, reports', () => {
    const rm = text(section(page('suivi'), 'synthese-suivi'));
    expect(rm).toContain('1 réalisée 2 en cours 1 suspendue 1 statut non renseigné');
    expect(rm).toContain('Avancement moyen : 75 %');
    expect(rm).toContain('A.1 Réseau d\'aidants numériques : Jalon passé non atteint : Charte signée.');
    expect(rm).toContain('A.2 Site d\'information : La fin prévue (2e semestre 2024) est passée.');
    expect(rm).toContain('Dernières nouvelles 10 janvier 2025 · A.1 Réseau d\'aidants numériques : Comité de suivi');
    expect(rm).toContain('Bilans 10 janvier 2025 · Comité de pilotage annuel juillet 2024 · Bilan à mi-année');
    expect(section(page('suivi'), 'synthese-suivi')).not.toContain('**'); // Markdown is rendered, never shown raw
    const node = text(section(page('suivi/axe-b'), 'synthese-suivi'));
    expect(node).toContain('1 réalisée 1 suspendue 1 statut non renseigné');
    expect(node).toContain('Aucune fiche en retard.');
  });

  it('the roadmap shows its own objectives, its indicators against their targets, and its milestones reached, late or to come in words', () => {
    const cap = section(page('suivi'), 'cap');
    expect(cap).toContain('<h2 id="cap">Objectifs, indicateurs et jalons de la feuille de route</h2>');
    const words = text(cap);
    expect(words).toContain('Objectifs 80 % des habitants ont les compétences numériques de base en 2025. Un lieu de médiation numérique dans chaque EPCI');
    expect(cap).toContain('<strong>compétences numériques de base</strong>'); // Markdown rendered, never shown raw
    expect(cap).toContain('<abbr title="Établissement public de coopération intercommunale">EPCI</abbr>'); // the glossary applies
    expect(words).toContain('Indicateur 2023 juillet 2024 2025 Habitants ayant les compétences numériques de base (%) 62 66 (mesure) 80');
    // The chart only illustrates the table: hidden from screen readers, like a sheet's.
    expect(cap).toContain('<div class="cartes graphiques" aria-hidden="true"> <div><p class="titre-graphique">Habitants ayant les compétences numériques de base</p>');
    expect(words).toContain('Lieux de médiation ouverts'); // named without values: listed, not charted
    expect(words).toContain('Jalon Date prévue État Installation du comité de pilotage juin 2024 ✓ atteint (juillet 2024) Évaluation à mi-parcours novembre 2024 ⚠ en retard : passé, non atteint Bilan final fin 2025 à venir');
    // The report says what it measured and reached.
    expect(text(section(page('suivi'), 'synthese-suivi'))).toContain('Bilan à mi-année Deux actions lancées sur cinq, une réalisée. Valeurs mesurées : Habitants ayant les compétences numériques de base : 66 % Jalons atteints : Installation du comité de pilotage Compte rendu du comité');
    // Only the roadmap page: a node has no such section.
    expect(page('suivi/axe-a')).not.toContain('id="cap"');
  });

  it('the roadmap\'s calendar draws its own milestones on a first row, reached or late in words, linked to the roadmap page', () => {
    const cal = page('suivi/calendrier');
    const row = cal.slice(cal.indexOf('data-cle="suivi#jalons"')).split('gantt-ligne')[0]!;
    expect(row).toContain('<a href="/suivi/#cap" tabindex="-1">Jalons de la feuille de route</a>');
    expect(row).toContain('class="gantt-jalon atteint" style="left:48.54%" title="Installation du comité de pilotage : juin 2024 — atteint (juillet 2024)"');
    expect(row).toContain('title="Évaluation à mi-parcours : novembre 2024 — en retard : passé, non atteint"');
    expect(cal.indexOf('data-cle="suivi#jalons"')).toBeLessThan(cal.indexOf('data-cle="suivi/a-1"'));
    const table = text(cal.slice(cal.indexOf('<tr data-cle="suivi#jalons"')).split('</tr>')[0]!);
    expect(table).toBe('Jalons de la feuille de route Installation du comité de pilotage : juin 2024 — atteint (juillet 2024) Évaluation à mi-parcours : novembre 2024 — en retard : passé, non atteint Bilan final : fin 2025 juin 2024 – T4 2025');
  });

  it('the calendars draw each bar by status, mark late bars and reached milestones in words, and the legend explains them', () => {
    const cal = page('suivi/calendrier');
    const row = (id: string) => cal.slice(cal.indexOf(`data-cle="suivi/${id}"`)).split('gantt-ligne')[0]!;
    expect(row('a-1')).toContain('gantt-barre etat-en_cours en-retard');
    expect(text(row('a-1'))).toContain('En cours, en retard');
    expect(row('a-1')).toContain('class="gantt-jalon atteint" style="left:');
    expect(row('a-1')).toMatch(/title="Lancement du réseau : mars 2024 — atteint \(mars 2024\)"/);
    expect(row('a-1')).toMatch(/class="gantt-jalon" style="[^"]+" title="Charte signée : décembre 2024 — en retard : passé, non atteint"/);
    expect(row('b-1')).toContain('etat-realisee');
    expect(text(row('b-1'))).toContain('Réalisée');
    const legend = text(cal.slice(cal.indexOf('class="gantt-legende"')).split('</ul>')[0]!);
    for (const words of ['fiche réalisée', 'fiche en cours', 'fiche suspendue', 'fiche en retard', 'jalon prévu (losange vide)', 'jalon atteint (losange plein)']) expect(legend).toContain(words);
    expect(legend).not.toContain('abandonnée'); // only what the page shows
    // The legend and the headings come before the chart: a long calendar no longer hides them thousands of pixels down.
    for (const cal2 of [cal, page('calendrier'), page('calendrier/2024')]) {
      expect(cal2.indexOf('class="gantt-legende"')).toBeGreaterThan(-1);
      expect(cal2.indexOf('class="gantt-legende"')).toBeLessThan(cal2.indexOf('<div class="gantt'));
      expect([...cal2.matchAll(/<h2[^>]*>([^<]+)<\/h2>/g)].map((m) => m[1]).slice(0, 2)).toEqual(['Frise chronologique', 'Tableau des dates']);
    }
    const table = text(cal.slice(cal.indexOf('<table')).split('</table>')[0]!);
    expect(table).toContain('Fiche Calendrier selon la source Statut Période');
    expect(table).toContain('En cours, en retard');
    expect(table).toContain('Lancement du réseau : mars 2024 — atteint (mars 2024)');
    // The all-roadmaps calendar, the year pages and the sheet's own timeline say the same.
    expect(text(page('calendrier'))).toContain('En cours, en retard');
    expect(page('calendrier/2024')).toContain('etat-realisee');
    expect(page('suivi/a-1')).toContain('gantt-jalon atteint');
    expect(text(page('suivi/a-1').split('class="gantt-tableau')[1]!)).toContain('En cours, en retard');
  });

  it('the « Avancement » page sums up every roadmap in words: counts by status, shares realised and late, late sheets', () => {
    const html = page('avancement');
    const main = text(html.slice(html.indexOf('<main'), html.indexOf('</main>')));
    expect(main).toContain('Situation au 15 janvier 2025.');
    expect(main).toContain('4 fiches sur 5 ont un statut.');
    expect(main).toContain('1 réalisée 2 en cours 1 suspendue 1 statut non renseigné');
    expect(main).toContain('Part réalisée : 20 % (1 sur 5 fiches)');
    expect(main).toContain('Part en retard : 40 % (2 sur 5 fiches)');
    expect(main).toContain('A.1 Réseau d\'aidants numériques : Jalon passé non atteint : Charte signée.');
    expect(main).toContain('A.2 Site d\'information : La fin prévue (2e semestre 2024) est passée.');
    expect(html).toContain('<a href="/suivi/a-1/">');
    expect(html).toMatch(/<h2 id="avancement-suivi"><a href="\/suivi\/">Suivi 2024-2025<\/a><\/h2>/);
  });

  it('the « Actualités » page lists entries and reports newest first, dates at their precision, each linked, with its feeds', () => {
    const html = page('actualites');
    const list = html.slice(html.indexOf('<ol class="frise-suivi actualites"')).split('</ol>')[0]!;
    const dates = [...list.matchAll(/<time datetime="([^"]+)">/g)].map((m) => m[1]);
    expect(dates).toEqual(['2025-01-10', '2025-01-10', '2024-12', '2024-11-05', '2024-10', '2024-09-30', '2024-07', '2024-07', '2024-06-15', '2024-05', '2024-03', '2024-02', '2024-01-20']);
    expect(text(list)).toContain('10 janvier 2025 · Bilan · Suivi 2024-2025 Comité de pilotage annuel');
    expect(text(list)).toContain('décembre 2024 · Suivi · Suivi 2024-2025 B.2 Ateliers seniors — Statut : Suspendue Suspendus faute de financement.');
    expect(list).toContain('<a href="/suivi/b-2/">');
    expect(list).toContain('<a href="/suivi/">Comité de pilotage annuel</a>');
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" title="Flux Atom des actualités du site" href="/donnees/actualites.atom"');
    expect(html).toContain('href="/donnees/suivi.actualites.atom"');
    expect(page('suivi')).toContain('<a href="/donnees/suivi.actualites.atom" type="application/atom+xml">Suivre les actualités (Atom)</a>');
    // Linked from every page's footer and from the home page.
    expect(page('suivi/a-1')).toContain('<a href="/avancement/">Avancement</a> · <a href="/actualites/">Actualités</a>');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('href="/actualites/"');
  });

  it('the news feeds of the site and of the roadmap parse, newest first, one entry per progress entry and report', () => {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name === 'entry' || name === 'link' });
    for (const file of ['actualites.atom', 'suivi.actualites.atom']) {
      const xml = readFileSync(join(out, 'donnees', file), 'utf8');
      expect(XMLValidator.validate(xml)).toBe(true);
      const feed = parser.parse(xml).feed;
      expect(feed['@xml:lang']).toBe('fr');
      const entries = feed.entry as Array<{ id: string; title: string; updated: string; link: Array<{ '@href': string }>; content?: { '#text': string } }>;
      expect(entries).toHaveLength(13);
      const updated = entries.map((e) => e.updated);
      expect(updated).toEqual([...updated].sort().reverse());
      expect(updated[0]).toBe('2025-01-10T00:00:00Z');
      expect(feed.updated).toBe('2025-01-10T00:00:00Z');
      expect(new Set(entries.map((e) => e.id)).size).toBe(13);
      expect(entries[0]!.title).toBe('A.1 Réseau d\'aidants numériques, 10 janvier 2025');
      expect(entries[0]!.link[0]!['@href']).toBe('https://jalons.example.org/suivi/a-1/');
      expect(entries[0]!.content!['#text']).toContain('<p>Comité de suivi');
      expect(entries[1]!.title).toBe('Bilan : Comité de pilotage annuel (Suivi 2024-2025), 10 janvier 2025');
      expect(entries.find((e) => e.title.startsWith('A.1 Réseau d\'aidants numériques, mars 2024'))!.content!['#text']).toContain('<strong>12 structures</strong>');
    }
    const donnees = page('donnees');
    expect(donnees).toContain('href="/donnees/actualites.atom"');
    expect(donnees).toContain('href="/donnees/suivi.actualites.atom"');
  });

  it('a sheet says how fresh its news are, and where that date comes from', () => {
    const freshness = (id: string) => text(page(`suivi/${id}`).split('class="meta fraicheur">')[1]!.split('</p>')[0]!);
    expect(freshness('a-1')).toBe('Dernière étape de suivi : 10 janvier 2025.');
    expect(freshness('b-2')).toBe('Dernière étape de suivi : décembre 2024.');
    // B.3 has no progress entry: the last commit that changed its file, when the fixture is in a git checkout.
    const committed = spawnSync('git', ['log', '-1', '--format=%cI', '--', 'tests/fixtures/suivi/suivi/fiches/b-3.md'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
    const day = (iso: string) => new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso.slice(0, 10)}T12:00:00Z`)).replace(/^1 /, '1er ');
    expect(freshness('b-3')).toBe(committed ? `Aucune étape de suivi ; données de la fiche modifiées pour la dernière fois le ${day(committed)}.` : 'Aucune étape de suivi.');
    // Published in the JSON model too.
    const json = JSON.parse(readFileSync(join(out, 'donnees', 'suivi.json'), 'utf8'));
    const sheet = (id: string) => json.feuilles_de_route[0].fiches.find((f: { id: string }) => f.id === id);
    expect(sheet('a-1').fraicheur).toEqual({ source: 'suivi', date: { texte: '2025-01-10', debut: '2025-01-10', fin: '2025-01-10', precision: 'jour' } });
    expect(sheet('b-3').fraicheur?.source ?? null).toBe(committed ? 'modification' : null);
  });

  it('each sheet with progress entries has its own news feed, linked from its page; the others link their roadmap\'s', () => {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name === 'entry' || name === 'link' });
    const xml = readFileSync(join(out, 'donnees', 'suivi', 'a-1.actualites.atom'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = parser.parse(xml).feed;
    expect(feed['@xml:lang']).toBe('fr');
    expect(feed.title).toBe('A.1 Réseau d\'aidants numériques : actualités');
    const entries = feed.entry as Array<{ title: string; updated: string; link: Array<{ '@href': string }> }>;
    expect(entries.map((e) => e.updated)).toEqual(['2025-01-10T00:00:00Z', '2024-10-01T00:00:00Z', '2024-06-15T00:00:00Z', '2024-03-01T00:00:00Z', '2024-01-20T00:00:00Z']);
    expect(feed.updated).toBe('2025-01-10T00:00:00Z');
    expect(entries.every((e) => e.link[0]!['@href'] === 'https://jalons.example.org/suivi/a-1/')).toBe(true);
    expect(entries[1]!.title).toBe('A.1 Réseau d\'aidants numériques, octobre 2024');
    // Only the sheet's own entries: no report, no other sheet.
    expect(xml).not.toContain('Comité de pilotage annuel');
    const a1 = page('suivi/a-1');
    expect(a1).toContain('<link rel="alternate" type="application/atom+xml" title="Flux Atom des étapes de suivi : A.1 Réseau d\'aidants numériques" href="/donnees/suivi/a-1.actualites.atom"');
    expect(a1).toContain('<a href="/donnees/suivi/a-1.actualites.atom" type="application/atom+xml">Suivre les étapes de suivi de la fiche (Atom)</a>');
    // B.3 has no entry: no feed of its own (it would have no date to give), its roadmap's instead.
    expect(existsSync(join(out, 'donnees', 'suivi', 'b-3.actualites.atom'))).toBe(false);
    const b3 = page('suivi/b-3');
    expect(b3).toContain('<a href="/donnees/suivi.actualites.atom" type="application/atom+xml">Suivre les actualités de la feuille de route (Atom)</a>');
    expect(b3).toContain('<link rel="alternate" type="application/atom+xml" title="Flux Atom des actualités : Suivi 2024-2025" href="/donnees/suivi.actualites.atom"');
    expect(page('donnees')).toContain('href="/donnees/suivi/a-1.actualites.atom"');
  });

  it('the « Avancement » and « Actualités » pages say how many sheets have news', () => {
    const main = (path: string) => { const html = page(path); return text(html.slice(html.indexOf('<main'), html.indexOf('</main>'))); };
    expect(main('avancement')).toContain('Toutes feuilles de route confondues : 4 fiches sur 5 ont au moins une étape de suivi.');
    expect(main('avancement')).toContain('Suivi 2024-2025 4 fiches sur 5 ont au moins une étape de suivi.');
    expect(main('actualites')).toContain('4 fiches sur 5 ont au moins une étape de suivi.');
  });

  it('these pages pass html-validate', async () => {
    const config = JSON.parse(readFileSync(join(ROOT, '.htmlvalidate.json'), 'utf8')) as ConfigData;
    const validator = new HtmlValidate(new StaticConfigLoader(config));
    const errors: string[] = [];
    for (const path of ['avancement', 'actualites', 'suivi/calendrier', 'calendrier', 'suivi', 'suivi/axe-a', 'suivi/axe-b', 'suivi/a-1', 'suivi/a-2', 'suivi/b-1', 'suivi/b-2', 'suivi/b-3']) {
      const report = await validator.validateString(page(path), path);
      for (const r of report.results) for (const m of r.messages) errors.push(`${path}:${m.line} ${m.ruleId} ${m.message}`);
    }
    expect(errors).toEqual([]);
  });
});
