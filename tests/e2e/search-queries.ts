/**
 * The search-quality suite: what a citizen types, and the sheets that must come back in
 * the first three results. Chosen by reading the sheets in content/; paths are
 * "<roadmap>/<id>". `tous`: every one of these is in the top three. `parmi`: at least
 * `auMoins` of the top three are among these (several sheets answer the query equally well).
 */
export interface QualityCase {
  q: string;
  /** What the query exercises: accents, plural, hyphen, acronym, partner, territory, synonym, code, several words, a typing mistake. */
  genre: 'accents' | 'pluriel' | 'trait d’union' | 'sigle' | 'partenaire' | 'territoire' | 'mots du texte' | 'code' | 'synonyme' | 'plusieurs mots' | 'faute de frappe';
  tous?: string[];
  parmi?: { pages: string[]; auMoins: number };
}

const MED = 'mednum49-2023-2025';
const MAY = 'may-num-mayenne';
const AIS = 'aisne-feuille-de-route-numerique';
const SCO = 'scoran-pays-de-la-loire';
const MLM = 'maine-et-loire-mediation-numerique';

// Sheets (and the roadmap or theme) whose very title names the subject: any of them answers.
const MEDIATION = [`${MAY}/fiche-projet-25`, `${MAY}/fiche-projet-28`, `${MED}/a-1-2`, `${MED}/e-2-3`, `${MAY}/thematique-mediation-numerique`, 'maine-et-loire-mediation-numerique'];
const MUSEES = [`${AIS}/piste-01`, `${SCO}/action-2-3-2-1`, `${SCO}/action-2-3-2-2`, `${SCO}/oo-2-3-2`];
const TELEMEDECINE = [`${MAY}/fiche-projet-22`, `${AIS}/piste-04`, `${AIS}/piste-05`, `${SCO}/action-2-1-2-2`, `${SCO}/action-2-1-2-3`];

export const QUALITY_CASES: QualityCase[] = [
  // Accents: typed without them, or with them.
  { q: 'telemedecine', genre: 'accents', parmi: { pages: TELEMEDECINE, auMoins: 3 } },
  { q: 'télémédecine', genre: 'accents', parmi: { pages: TELEMEDECINE, auMoins: 3 } },
  { q: 'mediation numerique', genre: 'accents', parmi: { pages: MEDIATION, auMoins: 3 } },
  { q: 'médiation numérique', genre: 'accents', parmi: { pages: MEDIATION, auMoins: 3 } },
  { q: 'parentalite', genre: 'accents', tous: [`${MED}/b-7`] },
  { q: 'teletravail', genre: 'accents', tous: [`${SCO}/action-1-2-2`, `${SCO}/action-1-2-1`] },
  { q: 'dematerialisation', genre: 'accents', tous: [`${MAY}/fiche-projet-31`] },
  { q: 'bibliothecaires', genre: 'accents', tous: [`${MED}/b-5`] },
  { q: 'sobriete numerique', genre: 'accents', tous: [`${MED}/gt-sobriete-numerique`, `${MAY}/fiche-projet-05`] },
  { q: 'musees', genre: 'accents', parmi: { pages: MUSEES, auMoins: 3 } },
  { q: 'outils numeriques dans les musees', genre: 'accents', tous: [`${AIS}/piste-01`] },
  { q: 'e-sante', genre: 'accents', tous: [`${SCO}/action-2-1-1-1`] },
  // Plural and singular.
  { q: 'services civiques', genre: 'pluriel', tous: [`${MED}/a-1-2-b`] },
  { q: 'service civique', genre: 'pluriel', tous: [`${MED}/a-1-2-b`] },
  { q: 'aidant connect', genre: 'pluriel', tous: [`${AIS}/piste-06`, `${MAY}/fiche-projet-24`] },
  { q: 'Aidants Connect', genre: 'pluriel', tous: [`${AIS}/piste-06`, `${MAY}/fiche-projet-24`] },
  { q: 'fablab', genre: 'pluriel', tous: [`${SCO}/action-2-2-1-1`, `${SCO}/action-2-2-1-2`] },
  { q: 'Promeneur du net', genre: 'pluriel', tous: [`${MED}/c-3`] },
  { q: 'coffres-forts', genre: 'pluriel', tous: [`${MED}/e-2-5`] },
  { q: 'startups', genre: 'pluriel', tous: [`${SCO}/action-1-3-2-3`, `${SCO}/action-1-3-2-2`] },
  // Hyphens written or not.
  { q: 'tiers-lieu', genre: 'trait d’union', tous: [`${AIS}/piste-08`, `${MAY}/fiche-projet-11`] },
  { q: 'tiers lieux', genre: 'trait d’union', tous: [`${AIS}/piste-08`, `${MAY}/fiche-projet-11`, `${SCO}/action-1-2-1`] },
  { q: 'tiers-lieux', genre: 'trait d’union', tous: [`${AIS}/piste-08`, `${MAY}/fiche-projet-11`] },
  { q: 'coffre fort', genre: 'trait d’union', tous: [`${MED}/e-2-5`] },
  { q: 'coffre-fort numerique', genre: 'trait d’union', tous: [`${MED}/e-2-5`] },
  { q: 'saint nazaire', genre: 'trait d’union', tous: [`${AIS}/piste-02`] },
  { q: 'e-Lyco', genre: 'trait d’union', tous: [`${SCO}/action-4-2-1-1`] },
  { q: 'e primo', genre: 'trait d’union', tous: [`${SCO}/action-4-2-2-1`] },
  // Acronyms.
  { q: 'PIX', genre: 'sigle', tous: [`${MED}/e-2-4`] },
  { q: 'ENT', genre: 'sigle', tous: [`${SCO}/action-4-2-1-1`] },
  { q: 'RLIN', genre: 'sigle', tous: [`${MED}/b-1`] },
  { q: 'CNFS', genre: 'sigle', tous: [`${MAY}/fiche-projet-26`, `${MAY}/fiche-projet-27`] },
  { q: 'IoT', genre: 'sigle', tous: [`${MAY}/fiche-projet-02`] },
  { q: 'EHPAD', genre: 'sigle', tous: [`${MAY}/fiche-projet-29`] },
  { q: 'SIPPEREC', genre: 'sigle', tous: [`${AIS}/piste-12`] },
  { q: 'ALM', genre: 'sigle', tous: [`${MED}/gt-alm`] },
  // Partners and pilots.
  { q: 'Cyb@njou', genre: 'partenaire', tous: [`${MED}/a-1-2-a`, `${MED}/a-1-2`] },
  { q: 'Francas', genre: 'partenaire', tous: [`${MED}/c-3`] },
  { q: 'Gigalis', genre: 'partenaire', tous: [`${SCO}/action-1-1-1-1`, `${SCO}/action-3-1-3-2`] },
  { q: 'France Services', genre: 'partenaire', tous: [`${MED}/b-3`] },
  // Places.
  { q: 'Saumur', genre: 'territoire', tous: [`${MED}/c-3`] },
  { q: 'Chemille', genre: 'territoire', tous: [`${MED}/action-e-1`] },
  { q: 'Angers Loire Metropole', genre: 'territoire', tous: [`${MED}/gt-alm`] },
  { q: 'bocage', genre: 'territoire', tous: [`${MAY}/fiche-projet-09`] },
  // Other words the sheets use for what a citizen looks for.
  { q: 'gens du voyage', genre: 'mots du texte', tous: [`${MED}/b-6`] },
  { q: 'desertification medicale', genre: 'mots du texte', tous: [`${AIS}/piste-04`] },
  { q: 'reconditionnement ordinateurs', genre: 'mots du texte', tous: [`${MAY}/fiche-projet-06`] },
  { q: 'seniors', genre: 'mots du texte', tous: [`${AIS}/piste-03`] },
  { q: 'stationnement intelligent', genre: 'mots du texte', tous: [`${AIS}/piste-11`] },
  { q: 'open data', genre: 'mots du texte', tous: [`${SCO}/action-3-2-1-1`, `${SCO}/action-3-2-1-2`] },
  { q: 'cloud computing', genre: 'mots du texte', tous: [`${SCO}/action-3-1-3-1`, `${SCO}/action-3-1-3-2`] },
  { q: 'smart city', genre: 'mots du texte', tous: [`${SCO}/action-3-2-3-2`] },
  { q: 'offices de tourisme', genre: 'mots du texte', tous: [`${SCO}/action-4-1-2-1`] },
  { q: 'datacenter', genre: 'mots du texte', tous: [`${MAY}/fiche-projet-12`] },
  { q: 'wifi', genre: 'mots du texte', tous: [`${MAY}/fiche-projet-13`] },
  { q: 'velo', genre: 'mots du texte', tous: [`${MAY}/fiche-projet-14`] },
  { q: 'POP ID', genre: 'mots du texte', tous: [`${MED}/e-2-3`] },
  // Codes as printed in the roadmaps.
  { q: 'A.1.2.b', genre: 'code', tous: [`${MED}/a-1-2-b`] },
  { q: 'E.2.5', genre: 'code', tous: [`${MED}/e-2-5`] },
];

/**
 * Queries written as people type them (issue #18): several words, no accents, plurals,
 * typing mistakes, a place, a synonym from content/synonymes.yaml. Some find no page holding
 * every word: the search page then shows the pages holding the most (partial matches), and the
 * suite reads its results there. Expected sheets chosen by reading content/.
 */
const EPN = [`${SCO}/oo-2-2-1`, `${SCO}/oo-2-2-2`, `${SCO}/oo-2-2-3`, `${SCO}/action-2-2-1-1`, `${SCO}/action-2-2-1-2`, `${SCO}/action-2-2-2-1`, `${SCO}/action-2-2-2-3`];
const CNFS = [`${MED}/b-3`, `${SCO}/action-1-1-2-2`, `${MAY}/fiche-projet-25`, `${MAY}/fiche-projet-26`, `${MAY}/fiche-projet-27`, `${MED}/gt-alm`];
const FRANCE_SERVICES = [`${MED}/b-3`, `${MED}/e-2-5`, `${MED}/b-6`, `${MED}/a-1-2-b`, `${AIS}/piste-06`, `${MLM}/structuration-reseau-departemental`, `${SCO}/action-2-2-2-1`];
const AGEES = [`${AIS}/piste-03`, `${AIS}/theme-e-sante`, `${MAY}/fiche-projet-29`, `${MAY}/fiche-projet-22`, `${SCO}/os-2-1`, `${MED}/a-3-2`];
const FRACTURE = [`${AIS}/theme-mediation-des-publics-fragiles`, `${SCO}/axe-2`, `${SCO}/os-2-2`, `${MAY}/fiche-projet-23`, `${MAY}/fiche-projet-31`, ...AGEES];

export const NEW_STYLE_CASES: QualityCase[] = [
  // Several words, some of which no page holds together.
  { q: 'fracture numerique personnes agees', genre: 'plusieurs mots', parmi: { pages: FRACTURE, auMoins: 3 } },
  { q: 'coffre fort numerique sans abri', genre: 'plusieurs mots', tous: [`${MED}/e-2-5`] },
  { q: 'inclusion numerique des seniors', genre: 'plusieurs mots', tous: [`${AIS}/piste-03`] },
  { q: 'ateliers numeriques pour les seniors', genre: 'plusieurs mots', tous: [`${MED}/a-3-2`] },
  { q: 'accompagnement des personnes agees au numerique', genre: 'plusieurs mots', parmi: { pages: [...AGEES, `${MED}/gt-accompagnement-domicile`], auMoins: 3 } },
  { q: 'reconditionner des ordinateurs', genre: 'plusieurs mots', tous: [`${MAY}/fiche-projet-06`] },
  { q: 'ordinateurs reconditionnes', genre: 'plusieurs mots', tous: [`${MAY}/fiche-projet-06`] },
  { q: 'jeunes et reseaux sociaux', genre: 'plusieurs mots', tous: [`${MED}/c-3`] },
  { q: 'demarches administratives en ligne', genre: 'plusieurs mots', parmi: { pages: [`${AIS}/theme-e-administration`, `${MAY}/fiche-projet-33`, `${AIS}/piste-06`, `${MED}/e-2-5`], auMoins: 3 } },
  { q: 'collectivites open data', genre: 'plusieurs mots', tous: [`${SCO}/action-3-2-1-1`, `${SCO}/action-3-2-1-2`] },
  { q: 'numerique educatif', genre: 'plusieurs mots', tous: [`${MAY}/fiche-projet-23`] },
  { q: 'colleges numeriques', genre: 'plusieurs mots', parmi: { pages: [`${MAY}/fiche-projet-23`, `${SCO}/action-4-2-1-1`, `${AIS}/theme-e-education`], auMoins: 2 } },
  { q: 'aidant numerique', genre: 'plusieurs mots', tous: [`${AIS}/piste-06`, `${MAY}/fiche-projet-24`] },
  // Synonyms (content/synonymes.yaml): the page says the other term.
  { q: 'conseiller numerique', genre: 'synonyme', tous: [`${MED}/b-3`], parmi: { pages: CNFS, auMoins: 2 } },
  { q: 'conseillers numeriques france services', genre: 'synonyme', tous: [`${MED}/b-3`] },
  { q: 'maisons france services', genre: 'synonyme', tous: [`${MED}/b-3`], parmi: { pages: FRANCE_SERVICES, auMoins: 3 } },
  { q: 'maisons de services au public', genre: 'synonyme', tous: [`${SCO}/action-2-2-2-1`], parmi: { pages: FRANCE_SERVICES, auMoins: 2 } },
  { q: 'msap', genre: 'synonyme', parmi: { pages: FRANCE_SERVICES, auMoins: 3 } },
  { q: 'personnes agees', genre: 'synonyme', tous: [`${AIS}/piste-03`], parmi: { pages: AGEES, auMoins: 3 } },
  { q: 'maison de retraite', genre: 'synonyme', tous: [`${MAY}/fiche-projet-29`] },
  { q: 'donnees ouvertes', genre: 'synonyme', tous: [`${SCO}/action-3-2-1-2`] },
  { q: 'travail a distance', genre: 'synonyme', tous: [`${SCO}/action-1-2-3`], parmi: { pages: [`${SCO}/action-1-2-3`, `${SCO}/os-1-2`, `${SCO}/action-1-2-1`, `${SCO}/action-1-2-2`], auMoins: 2 } },
  { q: 'sante numerique', genre: 'synonyme', tous: [`${SCO}/action-2-1-1-1`] },
  { q: 'ville intelligente', genre: 'synonyme', tous: [`${SCO}/action-3-2-3-2`] },
  { q: 'illettrisme numerique', genre: 'synonyme', tous: [`${AIS}/theme-mediation-des-publics-fragiles`] },
  { q: 'fab lab', genre: 'synonyme', tous: [`${SCO}/action-2-2-1-1`, `${SCO}/action-2-2-1-2`] },
  // Plurals and words typed without accents.
  { q: 'espaces publics numeriques', genre: 'pluriel', tous: [`${SCO}/oo-2-2-1`], parmi: { pages: EPN, auMoins: 3 } },
  { q: 'promeneurs du net', genre: 'pluriel', tous: [`${MED}/c-3`] },
  { q: 'bibliotheques', genre: 'accents', tous: [`${MED}/c-2`] },
  { q: 'tres haut debit', genre: 'accents', tous: [`${SCO}/action-1-1-1-1`] },
  { q: 'medecins', genre: 'accents', parmi: { pages: TELEMEDECINE, auMoins: 3 } },
  { q: 'cybersecurite', genre: 'accents', tous: [`${MAY}/fiche-projet-24`] },
  // A place, alone or with a subject: the roadmap first, or the place's sheets.
  { q: 'Mayenne', genre: 'territoire', tous: [MAY] },
  { q: 'Aisne', genre: 'territoire', tous: [AIS] },
  { q: 'maine et loire', genre: 'territoire', tous: [MLM, MED] },
  { q: 'pays de la loire', genre: 'territoire', tous: [SCO] },
  { q: 'Angers', genre: 'territoire', tous: [`${MED}/gt-alm`] },
  { q: 'telemedecine mayenne', genre: 'territoire', tous: [`${MAY}/fiche-projet-22`] },
  { q: 'seniors aisne', genre: 'territoire', tous: [`${AIS}/piste-03`] },
  { q: 'fibre mayenne', genre: 'territoire', tous: [`${MAY}/fiche-projet-01`] },
  { q: 'fibre optique', genre: 'territoire', tous: [`${MAY}/fiche-projet-01`, `${MAY}/fiche-projet-09`] },
  { q: 'tiers lieux mayenne', genre: 'territoire', tous: [`${MAY}/fiche-projet-11`] },
  { q: 'aidants connect aisne', genre: 'territoire', tous: [`${AIS}/piste-06`] },
  { q: 'musee numerique aisne', genre: 'territoire', tous: [`${AIS}/piste-01`] },
  // Typing mistakes.
  { q: 'mediaton numerique', genre: 'faute de frappe', parmi: { pages: MEDIATION, auMoins: 3 } },
  { q: 'conseiler numerique', genre: 'faute de frappe', tous: [`${MED}/b-3`] },
  { q: 'parentalitee', genre: 'faute de frappe', tous: [`${MED}/b-7`] },
  { q: 'inclusoin numerique', genre: 'faute de frappe', tous: [`${MED}/b-2`] },
  // A word the site does not know: the page corrects it from the site's words.
  { q: 'telemedcine', genre: 'faute de frappe', parmi: { pages: TELEMEDECINE, auMoins: 3 } },
  { q: 'teletravial', genre: 'faute de frappe', tous: [`${SCO}/action-1-2-2`, `${SCO}/action-1-2-1`] },
  // Few pages hold every word: those holding most of them follow.
  { q: 'ehpad connectes', genre: 'plusieurs mots', tous: [`${MAY}/fiche-projet-29`] },
  { q: 'wi-fi public', genre: 'plusieurs mots', tous: [`${MAY}/fiche-projet-13`] },
  { q: 'cyber securite', genre: 'synonyme', tous: [`${MAY}/fiche-projet-24`] },
];

export const ALL_CASES: QualityCase[] = [...QUALITY_CASES, ...NEW_STYLE_CASES];

/** Where a case fails, in words; null when it passes. */
export function judge(c: QualityCase, top3: string[]): string | null {
  const missing = (c.tous ?? []).filter((p) => !top3.includes(p));
  if (missing.length) return `absent(s) des trois premiers : ${missing.join(', ')}`;
  if (c.parmi) {
    const n = top3.filter((p) => c.parmi!.pages.includes(p)).length;
    if (n < c.parmi.auMoins) return `${n} des trois premiers parmi les fiches attendues, ${c.parmi.auMoins} voulus`;
  }
  return null;
}

/** "/base/roadmap/id/" → "roadmap/id" (a roadmap page gives "roadmap"). */
export function pathOf(url: string, base = '/'): string {
  return new URL(url, 'http://x').pathname.slice(base.length).replace(/\/$/, '');
}
