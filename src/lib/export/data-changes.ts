/**
 * What changed in the data between two versions of a content file, in French, for
 * the change feeds: « Statut : en cours → réalisée », « Fin : 2024 → 2025 »,
 * « Nouvelle fiche ». The public reads this, never a commit's subject. Pure: the two
 * texts come from git (src/lib/export/git-history.ts). A version that cannot be read
 * gives the neutral « Fiche modifiée », never an error.
 */
import { fr } from '../i18n/fr.ts';
import { splitFrontmatter } from '../content/frontmatter.ts';
import { readYaml } from '../content/yaml-document.ts';
import { dateText } from '../values/date-text.ts';

export type ChangeKind = 'fiche' | 'partie' | 'presentation';

/** What a path of the content folder holds: a roadmap's presentation, one of its nodes or sheets; null for the other files. */
export function contentFileKind(relPath: string): { roadmap: string; kind: ChangeKind; id: string } | null {
  const m = /^([^/]+)\/(?:(fiches|noeuds)\/([^/]+)\.md|feuille-de-route\.md)$/.exec(relPath);
  if (!m) return null;
  return { roadmap: m[1]!, kind: m[2] === 'fiches' ? 'fiche' : m[2] === 'noeuds' ? 'partie' : 'presentation', id: m[3] ?? '' };
}

export interface Version {
  data: Record<string, unknown>;
  body: string;
}

const M = fr.modifications;

/** The frontmatter and body of one version, or null when it cannot be read. */
export function parseVersion(text: string): Version | null {
  try {
    const { split } = splitFrontmatter('', text.replace(/\r\n?/g, '\n'));
    if (!split) return null;
    const { data, problems } = readYaml('', split.yaml);
    if (problems.some((p) => p.gravite === 'erreur')) return null;
    if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) return null;
    return { data: (data ?? {}) as Record<string, unknown>, body: split.body };
  } catch {
    return null;
  }
}

/** Names of actors: an id of the directory turned into its name when `actorName` knows it. */
export type ActorName = (id: string) => string | undefined;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v.trim() || null : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null);
const quoted = (v: string) => `« ${v} »`;
const statusLabel = (s: string) => {
  const label = fr.statuts[s];
  return label ? label.charAt(0).toLocaleLowerCase('fr') + label.slice(1) : s;
};
const FEMININE = new Set(['Priorité', 'Fin']);

/** « Statut : en cours → réalisée », or « Fin ajoutée : 2025 » / « Code retiré : 4 » when one side is missing. */
function valueChange(label: string, was: string | null, now: string | null, show: (v: string) => string = (v) => v): string {
  const f = FEMININE.has(label);
  if (was === null && now !== null) return M.valeurAjoutee(label, show(now), f);
  if (now === null && was !== null) return M.valeurRetiree(label, show(was), f);
  return M.changement(label, show(was ?? ''), show(now ?? ''));
}

/** A date as a reader writes it: 2025-03-12 → « 12 mars 2025 »; anything else as written. */
function dateWords(v: unknown): string {
  const s = str(v);
  if (s === null) return '';
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? dateText(s, 'jour') : s;
}

/** The first words of a text, at most `max` of them, with « … » when cut. */
export function firstWords(text: string, max = 12): string {
  const words = text.replace(/[*_`#>[\]]/g, '').split(/\s+/).filter(Boolean);
  return words.length <= max ? words.join(' ') : `${words.slice(0, max).join(' ')}…`;
}

function actorLabel(ref: unknown, actorName: ActorName): string | null {
  if (typeof ref === 'string') return actorName(ref) ?? ref;
  if (ref && typeof ref === 'object') {
    const r = ref as Record<string, unknown>;
    const base = typeof r.acteur === 'string' ? (actorName(r.acteur) ?? r.acteur) : str(r.texte);
    if (!base) return null;
    const precision = str(r.precision);
    return precision ? `${base} (${precision})` : base;
  }
  return null;
}

function actorChanges(key: string, before: unknown, after: unknown, actorName: ActorName): string[] {
  const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
  const keyOf = (r: unknown) => (typeof r === 'string' ? r : JSON.stringify(r && typeof r === 'object' ? { a: (r as any).acteur, t: (r as any).texte, p: (r as any).precision } : r));
  const was = new Map(list(before).map((r) => [keyOf(r), r]));
  const now = new Map(list(after).map((r) => [keyOf(r), r]));
  const added = [...now].filter(([k]) => !was.has(k)).map(([, r]) => actorLabel(r, actorName)).filter((n): n is string => !!n);
  const removed = [...was].filter(([k]) => !now.has(k)).map(([, r]) => actorLabel(r, actorName)).filter((n): n is string => !!n);
  const word = M.acteurs[key]!;
  const out: string[] = [];
  if (added.length) out.push(M.ajoutes(word, added));
  if (removed.length) out.push(M.retires(word, removed));
  // Same actors, only a role or an order changed.
  if (!out.length) out.push(M.rolesModifies(word));
  return out;
}

function calendarChanges(before: unknown, after: unknown): string[] {
  if (before === undefined || before === null) return [M.calendrierAjoute];
  if (after === undefined || after === null) return [M.calendrierRetire];
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const out: string[] = [];
  const bounds: Array<[string, string]> = [['debut', M.debut], ['fin', M.fin]];
  for (const [key, label] of bounds) {
    if (same(b[key], a[key])) continue;
    const was = str(b[key]);
    const now = str(a[key]);
    // A bound written as a structure (an object) is simply "changed".
    if ((b[key] !== undefined && was === null) || (a[key] !== undefined && now === null)) continue;
    out.push(valueChange(label, was, now, dateWords));
  }
  const rest = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([k]) => !(out.length && (k === 'debut' || k === 'fin' || k === 'texte'))));
  if (!out.length || !same(rest(b), rest(a))) out.push(M.calendrierModifie);
  return out;
}

function budgetChanges(before: unknown, after: unknown): string[] {
  if (before === undefined || before === null) return [M.budgetAjoute];
  if (after === undefined || after === null) return [M.budgetRetire];
  const text = (v: unknown): string | null => {
    const one = (x: unknown) => str(x) ?? (x && typeof x === 'object' ? str((x as Record<string, unknown>).texte) : null);
    if (Array.isArray(v)) {
      const parts = v.map(one);
      return parts.every((p) => p !== null) ? parts.join(', ') : null;
    }
    return one(v);
  };
  const was = text(before);
  const now = text(after);
  if (was !== null && now !== null && was !== now && was.length + now.length <= 160) return [M.changement(M.budget, was, now)];
  return [M.budgetModifie];
}

function indicatorChanges(before: unknown, after: unknown): string[] {
  const b = Array.isArray(before) ? before : before ? [before] : [];
  const a = Array.isArray(after) ? after : after ? [after] : [];
  const bs = new Set(b.map((x) => JSON.stringify(x)));
  const as = new Set(a.map((x) => JSON.stringify(x)));
  const added = a.filter((x) => !bs.has(JSON.stringify(x))).length;
  const removed = b.filter((x) => !as.has(JSON.stringify(x))).length;
  if (a.length > b.length && added === a.length - b.length && removed === 0) return [M.indicateursAjoutes(added)];
  if (b.length > a.length && removed === b.length - a.length && added === 0) return [M.indicateursRetires(removed)];
  return [M.indicateursModifies];
}

/** Entries of `suivi` (dated notes on the sheet's progress) present in `after` and not in `before`. */
function followUpChanges(before: unknown, after: unknown): string[] {
  const b = Array.isArray(before) ? before : [];
  const a = Array.isArray(after) ? after : [];
  const known = new Set(b.map((x) => JSON.stringify(x)));
  const added = a.filter((x) => !known.has(JSON.stringify(x)));
  const out = added.map((x) => {
    const e = (x && typeof x === 'object' ? x : { texte: x }) as Record<string, unknown>;
    return M.pointEtape(dateWords(e.date), firstWords(str(e.texte) ?? ''));
  });
  // Entries changed or removed without any added.
  if (!out.length) out.push(M.champs.suivi!);
  return out;
}

const ACTOR_KEYS = ['pilotes', 'porteurs', 'partenaires', 'cofinanceurs', 'acteurs', 'a_mobiliser'];
/** Keys said first, in this order; the rest after them, in the file's order. */
const ORDER = ['titre', 'code', 'statut', 'priorite', 'suivi', 'calendrier', ...ACTOR_KEYS, 'budget', 'indicateurs'];

/** What changed in the data from `before` to `after`, both read with parseVersion. */
export function describeVersions(kind: ChangeKind, before: Version, after: Version, actorName: ActorName = () => undefined): string[] {
  const b = before.data;
  const a = after.data;
  const keys = [...new Set([...ORDER, ...Object.keys(b), ...Object.keys(a)])];
  const out: string[] = [];
  let others = false;
  for (const key of keys) {
    if (same(b[key], a[key])) continue;
    if (key === 'titre') out.push(valueChange(M.titre, str(b[key]), str(a[key]), quoted));
    else if (key === 'code') out.push(valueChange(M.code, str(b[key]), str(a[key])));
    else if (key === 'statut') out.push(valueChange(M.statut, str(b[key]), str(a[key]), statusLabel));
    else if (key === 'priorite') out.push(valueChange(M.priorite, str(b[key]), str(a[key])));
    else if (key === 'suivi') out.push(...followUpChanges(b[key], a[key]));
    else if (key === 'calendrier') out.push(...calendarChanges(b[key], a[key]));
    else if (ACTOR_KEYS.includes(key)) out.push(...actorChanges(key, b[key], a[key], actorName));
    else if (key === 'budget') out.push(...budgetChanges(b[key], a[key]));
    else if (key === 'indicateurs') out.push(...indicatorChanges(b[key], a[key]));
    else if (M.champs[key]) out.push(M.champs[key]!);
    else others = true;
  }
  if (before.body.trim() !== after.body.trim()) out.push(M.texte);
  if (others) out.push(M.autres);
  if (!out.length) out.push(M.miseEnForme);
  return [...new Set(out)];
}

/**
 * What a commit did to one file, from its text before (null: the file is new) and after
 * (null: it was deleted). Never throws: an unreadable version gives « Fiche modifiée ».
 */
export function describeFileChange(kind: ChangeKind, before: string | null, after: string | null, actorName?: ActorName): string[] {
  if (before === null && after === null) return [M.modifiee[kind]!];
  if (before === null) return [M.nouvelle[kind]!];
  if (after === null) return [M.supprimee[kind]!];
  const b = parseVersion(before);
  const a = parseVersion(after);
  if (!b || !a) return [M.modifiee[kind]!];
  try {
    return describeVersions(kind, b, a, actorName);
  } catch {
    return [M.modifiee[kind]!];
  }
}
