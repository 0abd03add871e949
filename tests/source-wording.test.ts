/**
 * A link label or a milestone label on a sheet is read as the territory's words: each one must
 * be found in the text of its roadmap's source document (the shared seeds, `../shared/seeds/`
 * beside the repository). The comparison forgives what PDF extraction breaks (line breaks,
 * spaces, typographic apostrophes and quotes, words cut by a hyphen at a line end, Markdown
 * emphasis and HTML tags of the extracted text) and the capital of a label's first letter (a
 * label quoted from mid-sentence), never a word. Progress entries (`suivi`, `bilans`) are the
 * editor's own words and are not checked.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../src/lib/content/load.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const SEEDS = join(root, '..', 'shared', 'seeds');

/**
 * Labels knowingly absent from the source, keyed « roadmap/file: label ». Each must be explained
 * by an `anomalies_source` note of its sheet or roadmap that quotes the label.
 */
const ALLOWED: Record<string, string> = {};

type Label = { where: string; kind: string; text: string; defects: string[] };

function labelsOf(contentDir: string): Map<string, { source: string | undefined; labels: Label[] }> {
  const content = loadContent(contentDir, root);
  const byRoadmap = new Map<string, { source: string | undefined; labels: Label[] }>();
  for (const rm of content.roadmaps) {
    const labels: Label[] = [];
    const defects = rm.data.anomalies_source ?? [];
    for (const l of rm.data.liens ?? []) labels.push({ where: rm.fichier, kind: 'lien', text: l.titre, defects });
    byRoadmap.set(rm.roadmapId, { source: rm.data.source.fichier, labels });
  }
  for (const s of content.sheets) {
    const labels = byRoadmap.get(s.roadmapId)?.labels;
    if (!labels) continue;
    const defects = s.data.anomalies_source ?? [];
    const add = (kind: string, text: string) => labels.push({ where: s.fichier, kind, text, defects });
    for (const l of s.data.liens ?? []) add('lien', l.titre);
    const calendars = [s.data.calendrier, ...(s.data.sous_actions ?? []).map((a) => a.calendrier)];
    for (const c of calendars) {
      if (typeof c !== 'object') continue;
      for (const j of c.jalons ?? []) add('jalon', j.libelle);
      for (const r of c.recurrence ?? []) add('étape annuelle', r.libelle);
    }
  }
  return byRoadmap;
}

const QUOTES = /[«»“”„"]/g;
const APOSTROPHES = /[’‘ʼ`]/g;

/** The extracted text in the forms it may have been read in: a hyphen at a line end joins a cut word, or is a real hyphen. */
function sourceForms(raw: string): string[] {
  const text = raw
    .normalize('NFC')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\*\*|__/g, '')
    .replace(/\\([^\s])/g, '$1');
  return [text.replace(/-[ \t]*\r?\n\s*/g, ''), text.replace(/-[ \t]*\r?\n\s*/g, '-')].map(loose);
}

function loose(s: string): string {
  return s.normalize('NFC').replace(APOSTROPHES, '\'').replace(QUOTES, '"').replace(/…/g, '...').replace(/\s+/g, '');
}

function foundIn(forms: string[], label: string): boolean {
  const l = loose(label);
  const variants = [l, l.charAt(0).toLowerCase() + l.slice(1), l.charAt(0).toUpperCase() + l.slice(1)];
  return forms.some((f) => variants.some((v) => f.includes(v)));
}

describe('comparing a label with the extracted text', () => {
  it('forgives line breaks, spaces, typographic apostrophes and quotes, cut words, emphasis and a first capital', () => {
    const forms = sourceForms('Le lancement de la plate-\nforme est prévu ; un déve-\nloppement  **significatif** de l’ARS, « Aidants\nConnect », qui doit être réalisé');
    expect(foundIn(forms, 'Le lancement de la plate-forme')).toBe(true);
    expect(foundIn(forms, 'un développement significatif de l\'ARS')).toBe(true);
    expect(foundIn(forms, '"Aidants Connect"')).toBe(true);
    expect(foundIn(forms, 'Qui doit être réalisé')).toBe(true);
  });

  it('does not forgive a changed word, a changed capital inside the label or a changed dash', () => {
    const forms = sourceForms('Lien avec les plateformes Open data ; Culture Numérique - Offres en ligne');
    expect(foundIn(forms, 'Lien vers les plateformes Open data')).toBe(false);
    expect(foundIn(forms, 'Culture numérique - Offres en ligne')).toBe(false);
    expect(foundIn(forms, 'Culture Numérique – Offres en ligne')).toBe(false);
  });
});

describe('labels are the source\'s words', () => {
  it('finds the source documents beside the repository', () => {
    expect(existsSync(SEEDS), `Les documents sources sont introuvables : ${SEEDS} n'existe pas. Placez le dépôt à côté du dossier shared/ (shared/seeds/*.txt), comme en intégration continue.`).toBe(true);
  });

  const roadmaps: ReturnType<typeof labelsOf> = existsSync(SEEDS) ? labelsOf(join(root, 'content')) : new Map();
  for (const [id, { source, labels }] of roadmaps) {
    it(`${id}: every link label and milestone label is in ${source ?? 'its source'}`, () => {
      expect(source, `${id}/feuille-de-route.md : « source.fichier » manque, les libellés ne peuvent pas être comparés à la source.`).toBeDefined();
      const path = join(SEEDS, source!);
      expect(existsSync(path), `${path} est introuvable : vérifiez « source.fichier » dans ${id}/feuille-de-route.md.`).toBe(true);
      const forms = sourceForms(readFileSync(path, 'utf8'));
      const missing = labels
        .filter((l) => !foundIn(forms, l.text) && ALLOWED[`${l.where.replace(/^content\//, '')}: ${l.text}`] === undefined)
        .map((l) => `${l.where} (${l.kind}) : « ${l.text} » n'est pas dans ${source}`);
      expect(missing).toEqual([]);
    });
  }

  it('reads the labels of the real content', () => {
    expect([...roadmaps.values()].flatMap((r) => r.labels).length).toBeGreaterThan(10);
  });

  it('each allowed exception is still used and explained by an anomalies_source note quoting it', () => {
    const all = [...roadmaps.values()].flatMap((r) => r.labels);
    for (const [key, why] of Object.entries(ALLOWED)) {
      expect(why.length).toBeGreaterThan(0);
      const label = all.find((l) => `${l.where.replace(/^content\//, '')}: ${l.text}` === key);
      expect(label, `L'exception « ${key} » ne correspond plus à aucun libellé : retirez-la.`).toBeDefined();
      expect(label!.defects.some((d) => d.includes(label!.text)), `${label!.where} : une note « anomalies_source » doit citer « ${label!.text} » et dire pourquoi ce libellé n'est pas dans la source.`).toBe(true);
    }
  });
});
