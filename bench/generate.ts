/**
 * Synthetic content for the benchmark, from a fixed seed: N sheets over about a
 * hundred roadmaps of 3 or 4 levels, with field distributions modelled on the real
 * sheets in content/ (body length, fuzzy calendars with recurring schedules and
 * milestones, actors from a generated directory, indicators, sub-actions).
 * Written outside content/ (bench/out/contenu-<N>/ by default).
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Deterministic PRNG (mulberry32). */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const chance = (p: number) => next() < p;
  /** Zipf-like pick: a few actors are named everywhere, most rarely. */
  const zipf = <T>(xs: readonly T[]): T => xs[Math.min(xs.length - 1, Math.floor(xs.length * next() ** 2.2))]!;
  /** Normal via Box-Muller. */
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return { next, int, pick, chance, zipf, normal };
}

const WORDS = (
  'numérique inclusion médiation accompagnement usagers territoire département région commune intercommunalité ' +
  'France services conseillers numériques structures associations partenaires formation compétences publics ' +
  'éloignés démarches administratives en ligne accès droits équipement reconditionnement ordinateurs tablettes ' +
  'réseau acteurs coordination animation gouvernance comité pilotage évaluation indicateurs diagnostic besoins ' +
  'habitants jeunes seniors familles entreprises collectivités services publics plateforme données ouvertes ' +
  'cybersécurité sobriété fibre très haut débit couverture mobile tiers-lieux fablab espaces publics ' +
  'médiathèques bibliothèques écoles collèges lycées agents élus bénévoles aidants permanences itinérance ' +
  'cartographie observatoire financement appel à projets subvention convention charte label qualité'
).split(' ');
const STOPWORDS = 'le la les de des du un une et en à au aux pour par sur dans avec ce cette ces qui que est sont son sa ses leur leurs plus afin ainsi'.split(' ');
const VERBS = ['Développer', 'Renforcer', 'Structurer', 'Former', 'Accompagner', 'Déployer', 'Soutenir', 'Animer', 'Évaluer', 'Créer', 'Mutualiser', 'Favoriser'];
const HEADINGS = ['Contexte', 'Objectifs', 'Description de l\'action', 'Modalités de mise en œuvre', 'Publics visés', 'Partenariats', 'Suivi et évaluation'];
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const ACTOR_TYPES = ['association', 'autre', 'commune', 'departement', 'education', 'entreprise', 'epci', 'etablissement_public', 'etat', 'organisme_social', 'region', 'reseau', 'syndicat_mixte'];
const STATUSES = ['a_lancer', 'en_cours', 'realisee', 'suspendue', 'abandonnee'];
const ROLES = ['MOA', 'coordination', 'animation du réseau', 'financement', 'relais local', 'appui technique', 'co-pilotage'];
const ACRONYMS = ['CAF', 'CNFS', 'EPN', 'PIX', 'MSA', 'CCAS', 'EPCI', 'ANCT', 'SDAASP', 'THD'];

const q = (s: string) => JSON.stringify(s);

export interface Generated { dir: string; sheets: number; roadmaps: number; nodes: number; actors: number; files: number }

/** Roadmap count: about a hundred at scale, fewer for small N so that a roadmap holds at least ten sheets. */
export function roadmapCount(n: number): number {
  return Math.min(100, Math.max(5, Math.round(n / 10)));
}

/**
 * `roadmaps` overrides roadmapCount; `firstRoadmap` numbers this content's roadmaps from
 * there (ids, titles, territories), so that the sites of a hub (bench/portail.ts) publish
 * different territories.
 */
export function generate(n: number, dir: string, options: { seed?: number; glossaryFrom?: string; roadmaps?: number; firstRoadmap?: number } = {}): Generated {
  const r = prng(options.seed ?? 20261125);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'acteurs'), { recursive: true });
  mkdirSync(join(dir, 'glossaire'), { recursive: true });
  let files = 0;

  // The real glossary: it drives the acronym expansion in every body.
  if (options.glossaryFrom) {
    for (const f of readdirSync(options.glossaryFrom)) {
      copyFileSync(join(options.glossaryFrom, f), join(dir, 'glossaire', f));
      files++;
    }
  }

  // A realistic vocabulary: French function words, the domain's words, and a long tail of
  // rarer words (Zipf-distributed), so that the search index has the shape of real text.
  const syllables = ['ba', 'ce', 'di', 'fo', 'gu', 'la', 'me', 'ni', 'po', 'ra', 'se', 'ti', 'vo', 'cha', 'tre', 'pli', 'gra', 'on', 'an', 'eu', 'ou', 'in', 'al', 'er'];
  const tail = Array.from({ length: 6000 }, () => Array.from({ length: r.int(2, 4) }, () => r.pick(syllables)).join('') + r.pick(['', 's', 'tion', 'ment', 'ité', 'ique', 'eur']));
  const word = () => {
    const k = r.next();
    if (k < 0.38) return r.pick(STOPWORDS);
    if (k < 0.7) return r.pick(WORDS);
    return tail[Math.min(tail.length - 1, Math.floor(tail.length * r.next() ** 3))]!;
  };
  const sentence = (min = 8, max = 22) => {
    const w = Array.from({ length: r.int(min, max) }, word);
    if (r.chance(0.25)) w.splice(r.int(0, w.length - 1), 0, r.pick(ACRONYMS));
    const s = w.join(' ');
    return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
  };
  const paragraph = () => Array.from({ length: r.int(2, 5) }, () => sentence()).join(' ');
  const title = () => `${r.pick(VERBS)} ${Array.from({ length: r.int(3, 8) }, word).join(' ')}`;

  // Actor directory, shared by all roadmaps.
  const actorCount = 50 + Math.round(n / 20);
  const actors: string[] = [];
  for (let i = 1; i <= actorCount; i++) {
    const id = `acteur-${i}`;
    actors.push(id);
    const type = r.pick(ACTOR_TYPES);
    const lines = [`nom: ${q(`${title()} ${i}`)}`, `type: ${type}`];
    if (r.chance(0.3)) lines.push(`sigle: ${q(`ACT${i}`)}`);
    if (r.chance(0.4)) lines.push(`territoire: ${q(`Territoire ${r.int(1, 95)}`)}`);
    if (r.chance(0.2)) lines.push(`site: ${q(`https://acteur-${i}.example.org/`)}`);
    if (r.chance(0.3)) lines.push(`description: ${q(sentence())}`);
    writeFileSync(join(dir, 'acteurs', `${id}.yaml`), `${lines.join('\n')}\n`);
    files++;
  }
  const actorRef = () => {
    const a = r.zipf(actors);
    return r.chance(0.5) ? `{ acteur: ${a}, role: ${q(r.pick(ROLES))} }` : a;
  };
  const refList = (key: string, min: number, max: number, indent = '') => {
    const count = r.int(min, max);
    if (!count) return [];
    const refs = new Set(Array.from({ length: count }, actorRef));
    if (r.chance(0.2)) refs.add(`{ texte: ${q(`structures locales ${r.pick(WORDS)}`)} }`);
    return [`${indent}${key}:`, ...[...refs].map((x) => `${indent}  - ${x}`)];
  };

  const fuzzyYear = (y: number) =>
    r.pick([`${y}`, `début ${y}`, `fin ${y}`, `mi-${y}`, `${r.int(1, 2)}e semestre ${y}`, `${r.pick(MONTHS)} ${y}`, `T${r.int(1, 4)} ${y}`, `courant ${y}`]);
  const calendar = (start: number, end: number, indent = ''): string[] => {
    const y = r.int(start, end);
    const y2 = Math.min(end + 1, y + r.int(0, 3));
    const k = r.next();
    if (k < 0.22) return []; // no calendar at all
    if (k < 0.32) return [`${indent}calendrier: ${q(fuzzyYear(y))}`];
    const lines = [`${indent}calendrier:`, `${indent}  texte: ${q(`${sentence(4, 12)} ${y}`)}`];
    if (k < 0.55) lines.push(`${indent}  periode: ${q(y2 > y ? `${y}-${y2}` : `${y}`)}`);
    else if (k < 0.72) lines.push(`${indent}  debut: ${q(fuzzyYear(y))}`, `${indent}  fin: ${q(r.chance(0.1) ? 'sans fin' : `${y2 > y ? y2 : y + 1}`)}`);
    else if (k < 0.8) lines.push(`${indent}  continu: true`);
    else if (k < 0.9) {
      lines.push(`${indent}  recurrence:`);
      let m = r.int(0, 8);
      for (let i = 0; i < r.int(2, 5) && m < 12; i++) {
        const span = r.int(0, 2);
        const to = Math.min(11, m + span);
        lines.push(`${indent}    - { mois: ${q(span && to > m ? `${MONTHS[m]}-${MONTHS[to]}` : MONTHS[m]!)}, libelle: ${q(sentence(3, 8))} }`);
        m = to + 1;
      }
    } else {
      lines.push(`${indent}  debut: ${q(`${y}`)}`, `${indent}  jalons:`);
      for (let i = 0; i < r.int(1, 4); i++) lines.push(`${indent}    - { date: ${q(fuzzyYear(r.int(y, y2)))}, libelle: ${q(sentence(3, 10))} }`);
    }
    return lines;
  };
  const body = () => {
    // Log-normal around the real median (about 1,300 characters), clipped like the real sheets (0 to about 5,400).
    const target = r.chance(0.05) ? 0 : Math.min(5400, Math.max(150, Math.round(Math.exp(Math.log(1200) + 0.6 * r.normal()))));
    const parts: string[] = [];
    let length = 0;
    let notes = 0;
    while (length < target) {
      let block: string;
      const k = r.next();
      if (k < 0.15) block = `## ${r.pick(HEADINGS)}`;
      else if (k < 0.3) block = Array.from({ length: r.int(2, 5) }, () => `- ${sentence(4, 12)}`).join('\n');
      else if (k < 0.35) block = `${sentence()} Voir [la ressource](https://ressource-${r.int(1, 500)}.example.org/page).`;
      else if (k < 0.4) {
        notes++;
        block = `${sentence()}[^${notes}]`;
      } else block = paragraph();
      parts.push(block);
      length += block.length + 2;
    }
    for (let i = 1; i <= notes; i++) parts.push(`[^${i}]: ${sentence(4, 10)}`);
    return parts.join('\n\n');
  };
  const textList = (key: string, p: number, min: number, max: number) =>
    r.chance(p) ? [`${key}:`, ...Array.from({ length: r.int(min, max) }, () => `  - ${q(sentence(5, 18))}`)] : [];

  const roadmaps = options.roadmaps ?? roadmapCount(n);
  const first = options.firstRoadmap ?? 0;
  let nodesTotal = 0;
  let sheetIndex = 0;
  for (let k = 0; k < roadmaps; k++) {
    const ri = first + k;
    const id = `fdr-${String(ri + 1).padStart(3, '0')}`;
    const rdir = join(dir, id);
    mkdirSync(join(rdir, 'noeuds'), { recursive: true });
    mkdirSync(join(rdir, 'fiches'), { recursive: true });
    const start = r.int(2018, 2025);
    const end = start + r.int(2, 5);
    const depth = r.chance(0.5) ? 2 : 3; // node levels; with the sheets: 3 or 4 levels
    const levels = depth === 2 ? ['axe', 'objectif'] : ['axe', 'objectif', 'mesure'];
    const sheets = Math.floor(n / roadmaps) + (k < n % roadmaps ? 1 : 0);
    const rmLines = [
      '---',
      `titre: ${q(`Feuille de route numérique ${ri + 1} : ${title()}`)}`,
      `titre_court: ${q(`Territoire ${ri + 1} ${start}-${end}`)}`,
      `porteurs: [${r.zipf(actors)}]`,
      `territoire: { nom: ${q(`Territoire ${ri + 1}`)}, niveau: departement, code_insee: ${q(String(ri + 1).padStart(2, '0'))} }`,
      'periode:',
      `  debut: "${start}"`,
      `  fin: "${end}"`,
      `statut: ${r.pick(['projet', 'adoptee', 'en_vigueur'])}`,
      'niveaux:',
      ...levels.map((l, i) => `  - { id: ${l}, nom: ${q(['Axe', 'Objectif', 'Mesure'][i]!)}, nom_pluriel: ${q(['Axes', 'Objectifs', 'Mesures'][i]!)} }`),
      'nom_fiche: "Fiche action"',
      ...(r.chance(0.5) ? ['priorites:', '  - { valeur: 1, libelle: "Priorité 1" }', '  - { valeur: 2, libelle: "Priorité 2" }'] : []),
      ...(r.chance(0.5) ? [`gouvernance: ${q(paragraph())}`] : []),
      'source:',
      `  titre: ${q(`Document source ${ri + 1}`)}`,
      `  url: "https://territoire-${ri + 1}.example.org/feuille-de-route.pdf"`,
      '---',
      body(),
      '',
    ];
    writeFileSync(join(rdir, 'feuille-de-route.md'), rmLines.join('\n'));
    files++;

    // Node tree: 3-6 axes, then 2-4 children per node, until the leaves hold about 3-8 sheets each.
    const leavesWanted = Math.max(1, Math.round(sheets / 5));
    const axes = Math.max(1, Math.min(6, Math.round(leavesWanted ** (1 / depth) + 1)));
    const perLevel = Math.max(1, Math.round((leavesWanted / axes) ** (1 / Math.max(1, depth - 1))));
    let frontier: Array<{ id: string; code: string }> = [];
    for (let a = 1; a <= axes; a++) frontier.push({ id: `axe-${a}`, code: `${a}` });
    const writeNode = (node: { id: string; code: string }, level: string, parent: string | null, ordre: number) => {
      const lines = ['---', `titre: ${q(title())}`, `code: ${q(node.code)}`, `niveau: ${level}`, ...(parent ? [`parent: ${parent}`] : []), `ordre: ${ordre}`, '---', r.chance(0.6) ? paragraph() : '', ''];
      writeFileSync(join(rdir, 'noeuds', `${node.id}.md`), lines.join('\n'));
      files++;
      nodesTotal++;
    };
    frontier.forEach((node, i) => writeNode(node, levels[0]!, null, i + 1));
    for (let d = 1; d < depth; d++) {
      const next: typeof frontier = [];
      for (const parent of frontier) {
        for (let c = 1; c <= perLevel; c++) {
          const node = { id: `n-${parent.code.replaceAll('.', '-')}-${c}`, code: `${parent.code}.${c}` };
          writeNode(node, levels[d]!, parent.id, c);
          next.push(node);
        }
      }
      frontier = next;
    }
    const leaves = frontier;
    const sheetIds: string[] = [];
    for (let si = 0; si < sheets; si++) {
      const leaf = leaves[Math.floor((si * leaves.length) / sheets)]!;
      const sid = `fiche-${String(si + 1).padStart(4, '0')}`;
      sheetIds.push(sid);
      sheetIndex++;
      const lines = ['---', `titre: ${q(title())}`, `code: ${q(`${leaf.code}.${si + 1}`)}`, 'type: action', `parent: ${leaf.id}`, `ordre: ${si + 1}`];
      if (r.chance(0.4)) lines.push(`statut: ${r.pick(STATUSES)}`);
      if (r.chance(0.2)) lines.push(`priorite: ${r.int(1, 2)}`);
      if (r.chance(0.3)) lines.push(`resume: ${q(sentence())}`);
      lines.push(...refList('pilotes', r.chance(0.75) ? 1 : 0, 2));
      if (r.chance(0.15)) lines.push(...refList('porteurs', 1, 2));
      if (r.chance(0.6)) lines.push(...refList('partenaires', 1, 5));
      if (r.chance(0.15)) lines.push(...refList('cofinanceurs', 1, 3));
      if (r.chance(0.4)) lines.push(`publics: [${Array.from({ length: r.int(1, 3) }, () => q(`${r.pick(WORDS)} ${r.pick(WORDS)}`)).join(', ')}]`);
      lines.push(...calendar(start, end));
      if (r.chance(0.4)) lines.push(`budget: ${q(`${r.int(1, 900)} ${r.chance(0.5) ? '000 ' : ''}€ ${r.pick(['par an', 'sur la période', '(Département)', ''])}`.trim())}`);
      if (r.chance(0.15)) lines.push('moyens:', `  humains: ${q(`${r.int(1, 5)} ETP`)}`);
      if (r.chance(0.45)) {
        lines.push('indicateurs:');
        for (let i = 0; i < r.int(1, 4); i++) {
          if (r.chance(0.8)) lines.push(`  - ${q(sentence(3, 10))}`);
          else {
            const unit = r.pick(['%', 'personnes', 'structures']);
            lines.push(`  - libelle: ${q(sentence(2, 6))}`, `    unite: ${q(unit)}`, `    reference: { date: ${start}, valeur: ${r.int(0, 50)} }`);
            lines.push(`    cibles: [${Array.from({ length: r.int(1, 3) }, (_, j) => `{ date: ${start + j + 1}, valeur: ${r.int(50, 100)} }`).join(', ')}]`);
            if (r.chance(0.5)) lines.push(`    mesures: [{ date: ${start + 1}, valeur: ${r.int(20, 80)} }]`);
          }
        }
      }
      if (r.chance(0.08)) {
        lines.push('sous_actions:');
        for (let i = 0; i < r.int(2, 5); i++) {
          lines.push(`  - titre: ${q(title())}`, `    code: ${q(`${i + 1}`)}`);
          if (r.chance(0.6)) lines.push(...calendar(start, end, '    '));
          if (r.chance(0.5)) lines.push(...refList('pilotes', 1, 1, '    '));
          if (r.chance(0.3)) lines.push(`    budget: ${q(`${r.int(1, 90)} 000 €`)}`);
        }
      }
      lines.push(...textList('resultats_attendus', 0.5, 1, 4), ...textList('benefices', 0.3, 1, 3), ...textList('risques', 0.3, 1, 3));
      if (r.chance(0.1)) lines.push('liens:', `  - { titre: ${q(sentence(2, 5))}, url: "https://lien-${r.int(1, 999)}.example.org/" }`);
      if (si > 0 && r.chance(0.05)) lines.push(`voir_aussi: [${sheetIds[r.int(0, si - 1)]}]`);
      if (r.chance(0.5)) lines.push(`source: { pages: ${r.int(1, 80)} }`);
      lines.push('---', body(), '');
      writeFileSync(join(rdir, 'fiches', `${sid}.md`), lines.join('\n'));
      files++;
    }
  }
  return { dir, sheets: sheetIndex, roadmaps, nodes: nodesTotal, actors: actorCount, files };
}

// `node bench/generate.ts <N> [dir]`
if (import.meta.main) {
  const n = Number(process.argv[2] ?? 100);
  const root = join(import.meta.dirname, '..');
  const g = generate(n, process.argv[3] ?? join(root, 'bench', 'out', `contenu-${n}`), { glossaryFrom: join(root, 'content', 'glossaire') });
  process.stdout.write(`${JSON.stringify(g)}\n`);
}
