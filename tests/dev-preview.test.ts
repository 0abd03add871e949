/**
 * The live preview's own decisions (src/lib/build/dev-preview.ts): which addresses are
 * pages (replaced by the error page while the content is invalid), which are the CMS's,
 * and what the error page tells an editor. The server itself: tests/e2e/dev-server.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminFile, contentErrorPage, isInContent, isPageAddress } from '../src/lib/build/dev-preview.ts';
import { validateProject } from '../src/lib/model/validate-project.ts';
import { makeContentTree, ROOT } from './support/content-tree.ts';

describe('adresses de l\'aperçu', () => {
  it('reconnaît les pages du site, à la racine ou sous un chemin de base', () => {
    for (const page of ['/', '/glossaire/', '/may-num-mayenne/fiche-projet-01/', '/recherche', '/index.html']) expect(isPageAddress(page, '/')).toBe(true);
    expect(isPageAddress('/jalons/', '/jalons/')).toBe(true);
    expect(isPageAddress('/jalons', '/jalons/')).toBe(true);
    expect(isPageAddress('/jalons/acteurs/ademe/', '/jalons/')).toBe(true);
  });

  it('laisse passer les scripts, styles, fichiers de données et adresses de Vite', () => {
    for (const other of ['/@vite/client', '/@id/astro:scripts', '/_astro/site.css', '/src/scripts/recherche.ts', '/node_modules/.vite/deps/mermaid.js', '/favicon.svg', '/donnees/feuilles-de-route.json', '/admin/', '/pagefind/pagefind.js']) {
      expect(isPageAddress(other, '/'), other).toBe(false);
    }
    expect(isPageAddress('/ailleurs/', '/jalons/')).toBe(false);
  });

  it('sert les fichiers du CMS sous /admin/ (la page, sa configuration, son script, ceux de Decap CMS), et rien d\'autre', () => {
    expect(adminFile('/admin/', '/')).toBe('index.html');
    expect(adminFile('/admin/index.html', '/')).toBe('index.html');
    expect(adminFile('/admin/config.yml', '/')).toBe('config.yml');
    expect(adminFile('/admin/jalons-cms.js', '/')).toBe('jalons-cms.js');
    expect(adminFile('/jalons/admin/decap-cms.js', '/jalons/')).toEqual({ decap: 'decap-cms.js' });
    expect(adminFile('/admin/12.decap-cms.js', '/')).toEqual({ decap: '12.decap-cms.js' });
    expect(adminFile('/admin/sveltia-cms.js', '/')).toBe(null);
    expect(adminFile('/admin/x/decap-cms.js', '/')).toBe(null);
    expect(adminFile('/admin/../package.json', '/')).toBe(null);
    expect(adminFile('/admin/autre.js', '/')).toBe(null);
    expect(adminFile('/administration/', '/')).toBe(null);
  });

  it('ne suit que les fichiers du dossier de contenu', () => {
    const dir = join(ROOT, 'content');
    expect(isInContent(join(dir, 'acteurs', 'ademe.yaml'), dir)).toBe(true);
    expect(isInContent(dir, dir)).toBe(false);
    expect(isInContent(join(ROOT, 'src', 'data', 'site.ts'), dir)).toBe(false);
    expect(isInContent(join(ROOT, 'content-ancien', 'x.md'), dir)).toBe(false);
  });
});

describe('page d\'erreur de l\'aperçu', () => {
  it('liste chaque problème au fichier, à la ligne et à la colonne avec le message du validateur, texte échappé', () => {
    const tree = makeContentTree('valide');
    try {
      const before = validateProject(ROOT, tree.dir);
      expect(before.ok).toBe(true);
      const sheet = before.model.feuilles_de_route[0]!.fiches[0]!;
      const path = join(ROOT, sheet.fichier);
      const text = readFileSync(path, 'utf8');
      writeFileSync(path, text.replace(/^titre: .*$/m, 'titre: 12').replace(/^---\n/, '---\nstatut: "<b>inconnu</b>"\n'));
      const result = validateProject(ROOT, tree.dir);
      expect(result.ok).toBe(false);
      const html = contentErrorPage(result.problems, result.model);
      expect(html).toContain('<html lang="fr">');
      expect(html).toContain('<title>Contenu invalide · Jalons</title>');
      expect(html).toContain(`L'aperçu est en pause : ${result.problems.length} erreurs empêchent de construire le site.`);
      for (const p of result.problems) {
        expect(html).toContain(`<code>${p.fichier}:${p.ligne}:${p.colonne}</code>`);
        expect(html).toContain(p.message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));
      }
      expect(html).toContain('&lt;b&gt;inconnu&lt;/b&gt;');
      expect(html).not.toContain('<b>inconnu</b>');
      // Vite's client reloads the page once the file is fixed.
      expect(html).toContain('<script type="module" src="/@vite/client"></script>');
      expect(html).toContain('Corrigez le fichier et enregistrez-le : cette page se recharge seule, sans redémarrer « npm run dev ».');
    } finally {
      tree.remove();
    }
  });
});
