/**
 * Fuzzy French dates: "2e semestre 2023", "courant 2024", "octobre-juin", "sans fin"...
 * An editor writes what the source says; this module turns it into an inclusive
 * interval of ISO dates with its precision, or refuses it with a message that lists
 * the accepted forms. It never guesses: anything it does not recognise is an error.
 *
 * Dates are plain calendar dates (no time zone): all arithmetic is done in UTC.
 */
import { foldForMatch, stripTags } from './text.ts';

export const PRECISIONS = ['jour', 'mois', 'trimestre', 'saison', 'semestre', 'annee'] as const;
export type Precision = (typeof PRECISIONS)[number];

export interface FuzzyDate {
  /** The editor's words, as written. */
  texte: string;
  /** First day, inclusive: `YYYY-MM-DD`, or `--MM-DD` for a month without a year (annual schedules). */
  debut: string | null;
  /** Last day, inclusive, same forms as `debut`. */
  fin: string | null;
  precision: Precision | null;
  /** True for "début", "fin", "mi-", "courant", "à l'horizon", "rentrée"... */
  approximatif: boolean;
  /** No end: "sans fin", "sans date de fin". */
  ouvert?: boolean;
  /** Continuous over the roadmap's whole period ("action en continu sur la période de la feuille de route"). */
  continu?: boolean;
}

export type FuzzyDateResult = { ok: true; value: FuzzyDate } | { ok: false; message: string };

export const ACCEPTED_DATE_FORMS =
  'Formes acceptées : « 2023 », « 2023-09 », « 2023-09-15 », « 15/09/2023 », « septembre 2023 », ' +
  '« 2e semestre 2023 » ou « 2023-S2 », « T4 2014 » ou « 2014-T4 », « dernier trimestre 2014 », ' +
  '« automne 2013 », « début 2023 », « mi-2024 », « fin 2024 », « courant 2024 », « à l\'horizon 2027 », ' +
  '« rentrée 2014/2015 », une période « 2023-2025 » ou « septembre 2020 - juin 2021 », ' +
  '« sans fin », « en continu sur la période de la feuille de route », ' +
  'et, dans un calendrier annuel, un mois ou des mois sans année (« octobre-juin »).';

const MONTHS: Record<string, number> = {
  janvier: 1, janv: 1, jan: 1,
  fevrier: 2, fevr: 2, fev: 2,
  mars: 3,
  avril: 4, avr: 4,
  mai: 5,
  juin: 6,
  juillet: 7, juil: 7,
  aout: 8,
  septembre: 9, sept: 9, sep: 9,
  octobre: 10, oct: 10,
  novembre: 11, nov: 11,
  decembre: 12, dec: 12,
};
const MONTH_RE = `(${Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')})\\.?`;

const ORDINALS: Record<string, number> = {
  '1': 1, '1er': 1, '1ere': 1, '1re': 1, premier: 1, premiere: 1,
  '2': 2, '2e': 2, '2eme': 2, '2nd': 2, '2nde': 2, second: 2, seconde: 2, deuxieme: 2,
  '3': 3, '3e': 3, '3eme': 3, troisieme: 3,
  '4': 4, '4e': 4, '4eme': 4, quatrieme: 4,
};
const ORDINAL_RE = `(${Object.keys(ORDINALS).sort((a, b) => b.length - a.length).join('|')}|dernier|derniere|\\d+(?:e|eme|er)?)`;

const SEASONS: Record<string, [number, number]> = {
  printemps: [3, 5],
  ete: [6, 8],
  automne: [9, 11],
  hiver: [12, 2],
};

const PRECISION_RANK: Record<Precision, number> = { jour: 0, mois: 1, trimestre: 2, saison: 3, semestre: 4, annee: 5 };

interface Interval {
  start: { y: number | null; m: number; d: number };
  end: { y: number | null; m: number; d: number };
  precision: Precision;
  approx: boolean;
}

class DateError extends Error {}

const pad = (n: number) => String(n).padStart(2, '0');

export function daysInMonth(year: number | null, month: number): number {
  // Without a year (annual schedule) February keeps its 29th so that leap years stay covered.
  return new Date(Date.UTC(year ?? 2000, month, 0)).getUTCDate();
}

function iso(p: { y: number | null; m: number; d: number }): string {
  return p.y === null ? `--${pad(p.m)}-${pad(p.d)}` : `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}

function year(text: string): number {
  if (/^\d{5,}$/.test(text)) {
    throw new DateError(
      `l'année « ${text} » a ${text.length} chiffres : un appel de note collé à l'année ? ` +
        `Écrivez l'année seule (« ${text.slice(0, 4)} ») et placez la note en note de bas de page.`,
    );
  }
  const y = Number(text);
  if (!/^\d{4}$/.test(text) || y < 1900 || y > 2199) {
    throw new DateError(`« ${text} » n'est pas une année (attendu : quatre chiffres, par exemple 2024).`);
  }
  return y;
}

function month(y: number | null, m: number, approx = false): Interval {
  if (m < 1 || m > 12) throw new DateError(`le mois ${m} n'existe pas (les mois vont de 1 à 12).`);
  return { start: { y, m, d: 1 }, end: { y, m, d: daysInMonth(y, m) }, precision: 'mois', approx };
}

function months(y: number, first: number, last: number, precision: Precision, approx = false): Interval {
  return { start: { y, m: first, d: 1 }, end: { y, m: last, d: daysInMonth(y, last) }, precision, approx };
}

function wholeYear(y: number, approx = false): Interval {
  return months(y, 1, 12, 'annee', approx);
}

function day(y: number, m: number, d: number): Interval {
  if (m < 1 || m > 12) throw new DateError(`le mois ${m} n'existe pas (les mois vont de 1 à 12).`);
  if (d < 1 || d > daysInMonth(y, m)) {
    throw new DateError(`le ${d}/${pad(m)}/${y} n'existe pas : ce mois n'a que ${daysInMonth(y, m)} jours.`);
  }
  const p = { y, m, d };
  return { start: p, end: p, precision: 'jour', approx: false };
}

function ordinal(word: string): number | 'last' {
  if (word === 'dernier' || word === 'derniere') return 'last';
  if (word in ORDINALS) return ORDINALS[word]!;
  return Number.parseInt(word, 10);
}

function semester(y: number, n: number | 'last'): Interval {
  const k = n === 'last' ? 2 : n;
  if (k < 1 || k > 2) throw new DateError(`il n'y a pas de ${n}e semestre : une année compte deux semestres (1er et 2e).`);
  return months(y, k === 1 ? 1 : 7, k === 1 ? 6 : 12, 'semestre');
}

function quarter(y: number, n: number | 'last'): Interval {
  const k = n === 'last' ? 4 : n;
  if (k < 1 || k > 4) throw new DateError(`il n'y a pas de ${n}e trimestre : une année compte quatre trimestres (T1 à T4).`);
  return months(y, 3 * k - 2, 3 * k, 'trimestre');
}

/** One point in time, possibly vague ("fin 2024"), never a range. */
function single(s: string, allowNoYear: boolean): Interval {
  let m: RegExpMatchArray | null;
  const Y = '(\\d{4,})';

  if ((m = s.match(/^(\d{4,})$/))) return wholeYear(year(m[1]!));
  if ((m = s.match(/^(\d{4})-(\d{1,2})$/))) return month(year(m[1]!), Number(m[2]));
  if ((m = s.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/))) return day(year(m[1]!), Number(m[2]), Number(m[3]));
  if ((m = s.match(/^(\d{4})-?s(\d)$/))) return semester(year(m[1]!), Number(m[2]));
  if ((m = s.match(/^(\d{4})-?t(\d)$/))) return quarter(year(m[1]!), Number(m[2]));
  if ((m = s.match(new RegExp(`^s(\\d) ${Y}$`)))) return semester(year(m[2]!), Number(m[1]));
  if ((m = s.match(new RegExp(`^t(\\d) ${Y}$`)))) return quarter(year(m[2]!), Number(m[1]));
  if ((m = s.match(/^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/))) return day(year(m[3]!), Number(m[2]), Number(m[1]));
  if ((m = s.match(/^(\d{1,2})\/(\d{4})$/))) return month(year(m[2]!), Number(m[1]));
  if ((m = s.match(new RegExp(`^${ORDINAL_RE} semestre ${Y}$`)))) return semester(year(m[2]!), ordinal(m[1]!));
  if ((m = s.match(new RegExp(`^${ORDINAL_RE} trimestre ${Y}$`)))) return quarter(year(m[2]!), ordinal(m[1]!));
  if ((m = s.match(new RegExp(`^(?:a l'|a l |l'|en |au )?(printemps|ete|automne|hiver) ${Y}$`)))) {
    const [from, to] = SEASONS[m[1]!]!;
    const y = year(m[2]!);
    const endYear = to < from ? y + 1 : y;
    return {
      start: { y, m: from, d: 1 },
      end: { y: endYear, m: to, d: daysInMonth(endYear, to) },
      precision: 'saison',
      approx: false,
    };
  }
  if ((m = s.match(new RegExp(`^(1er|\\d{1,2}) ${MONTH_RE} ${Y}$`)))) {
    return day(year(m[3]!), MONTHS[m[2]!]!, m[1] === '1er' ? 1 : Number(m[1]));
  }
  if ((m = s.match(new RegExp(`^(?:le mois d'|le mois de |mois d'|mois de |en )?${MONTH_RE} ${Y}$`)))) {
    return month(year(m[2]!), MONTHS[m[1]!]!);
  }
  if ((m = s.match(/^(?:rentree|rentree scolaire) (\d{4})[/-](\d{4})$/))) {
    const y = year(m[1]!);
    if (year(m[2]!) !== y + 1) throw new DateError(`une année scolaire va d'une année à la suivante (par exemple « 2014/2015 »).`);
    return month(y, 9, true);
  }
  if ((m = s.match(/^(?:annee scolaire) (\d{4})[/-](\d{4})$/))) {
    const y = year(m[1]!);
    if (year(m[2]!) !== y + 1) throw new DateError(`une année scolaire va d'une année à la suivante (par exemple « 2014/2015 »).`);
    return { start: { y, m: 9, d: 1 }, end: { y: y + 1, m: 8, d: 31 }, precision: 'mois', approx: false };
  }
  if ((m = s.match(new RegExp(`^debut ${Y}$`)))) return { ...months(year(m[1]!), 1, 3, 'trimestre'), approx: true };
  if ((m = s.match(new RegExp(`^fin ${Y}$`)))) return { ...months(year(m[1]!), 10, 12, 'trimestre'), approx: true };
  if ((m = s.match(new RegExp(`^mi-? ?${Y}$`)))) return { ...months(year(m[1]!), 5, 8, 'mois'), approx: true };
  if ((m = s.match(new RegExp(`^(?:debut|fin|mi-?) ?${MONTH_RE} ${Y}$`)))) return month(year(m[2]!), MONTHS[m[1]!]!, true);
  if ((m = s.match(new RegExp(`^(?:courant|dans le courant de|au cours de l'annee) ${Y}$`)))) return wholeYear(year(m[1]!), true);
  if ((m = s.match(new RegExp(`^en ${Y}$`)))) return wholeYear(year(m[1]!));
  // "fin du 1er semestre 2023", "début du 2e trimestre 2024": the first or last month of that period.
  if ((m = s.match(new RegExp(`^(debut|fin) (?:du |de |d')?${ORDINAL_RE} (semestre|trimestre) ${Y}$`)))) {
    const period = (m[3] === 'semestre' ? semester : quarter)(year(m[4]!), ordinal(m[2]!));
    const at = m[1] === 'debut' ? period.start : period.end;
    return month(at.y, at.m, true);
  }
  const noYear = s.match(new RegExp(`^(?:(debut|fin|mi-?) ?)?${MONTH_RE}$`));
  if (noYear && allowNoYear) return month(null, MONTHS[noYear[2]!]!, Boolean(noYear[1]));
  if (noYear) throw new DateError('il manque l\'année (un mois sans année n\'est admis que dans un calendrier annuel récurrent).');
  throw new DateError('');
}

function coarser(a: Precision, b: Precision): Precision {
  return PRECISION_RANK[a] >= PRECISION_RANK[b] ? a : b;
}

function range(s: string): Interval | null {
  let m: RegExpMatchArray | null;
  const parts =
    (m = s.match(/^entre (.+) et (.+)$/)) ??
    (m = s.match(/^(?:de |d')?(.+?) (?:a|au|jusqu'a|jusqu'en) (.+)$/)) ??
    (m = s.match(/^(.+?) ?- ?(.+)$/)) ??
    (m = s.match(/^(\d{4}) ?\/ ?(\d{4})$/));
  if (!parts) return null;
  let [left, right] = [parts[1]!.trim(), parts[2]!.trim()];
  // Leave ISO forms ("2023-09", "2023-S2") and "mi-2024" to the single-date rules.
  if (/^\d{4}$/.test(left) && /^(\d{1,2}|[st]\d|\d{1,2}-\d{1,2})$/.test(right)) return null;
  if (left === 'mi') return null;
  // "Janvier– mars 2022": the year written once applies to both ends.
  const rightYear = right.match(/ (\d{4})$/);
  if (rightYear && new RegExp(`^${MONTH_RE}$`).test(left)) left = `${left} ${rightYear[1]}`;
  let a: Interval, b: Interval;
  try {
    a = single(left, true);
    b = single(right, true);
  } catch (error) {
    if (error instanceof DateError && error.message) throw error;
    return null;
  }
  if ((a.start.y === null) !== (b.start.y === null)) return null;
  if (a.start.y !== null && iso(b.end) < iso(a.start)) {
    throw new DateError(`la période se termine (${iso(b.end)}) avant de commencer (${iso(a.start)}) : inversez les deux bornes.`);
  }
  return { start: a.start, end: b.end, precision: coarser(a.precision, b.precision), approx: a.approx || b.approx };
}

function notADateHint(s: string): string | null {
  if (/\b\d+ ?(ans|an|mois|semaines?|jours?|heures?)\b/.test(s) && !/\d{4}/.test(s.replace(/\d+ ?\/ ?\d+ ans/, ''))) {
    if (/^\d{1,2} ?(?:-|\/|a) ?\d{1,2} ans$/.test(s)) return 'cela ressemble à une tranche d\'âge, pas à une date.';
    return 'c\'est une durée, pas une date : écrivez-la dans le champ « duree » (ou dans « texte »).';
  }
  if (/\betp\b/.test(s)) return 'ce sont des moyens humains (ETP), pas une date : déplacez-les dans « moyens.humains ».';
  if (/\bloi\b|\bn° ?\d/.test(s)) return 'c\'est une référence de texte (loi, numéro), pas une date.';
  return null;
}

/** Typographic or straight quotes around the whole date, written as part of the text. */
const QUOTED = /^\s*[«‹“”„"'‘’]|[»›“”"'‘’]\s*$/;

/**
 * A form close to an accepted one, for a date no rule reads: what to write instead.
 * `s` is the normalised text, its prefixes (« pour la ») removed.
 */
function nearFormHint(s: string): string | null {
  // English quarters and halves: "Q3 2024", "2024-Q3", "H2 2024".
  const before = s.match(/^([qh])([1-9]) ?-? ?(\d{4})$/);
  const after = s.match(/^(\d{4}) ?-? ?([qh])([1-9])$/);
  if (before || after) {
    const [letter, n, y] = before ? [before[1]!, before[2]!, before[3]!] : [after![2]!, after![3]!, after![1]!];
    return letter === 'q'
      ? `« Q${n} » est l'abréviation anglaise du trimestre : écrivez « T${n} ${y} » (ou « ${y}-T${n} »).`
      : `« H${n} » est l'abréviation anglaise du semestre : écrivez « S${n} ${y} » (ou « ${n}e semestre ${y} »).`;
  }
  // "rentrée 2024": the school year it opens must be written.
  const rentree = s.match(/^rentree(?: scolaire)? (\d{4})$/);
  if (rentree) {
    const y = Number(rentree[1]);
    return `précisez l'année scolaire : écrivez « rentrée ${y}/${y + 1} » pour la rentrée de septembre ${y}.`;
  }
  return null;
}

function normalise(raw: string): string {
  let s = foldForMatch(stripTags(raw));
  // List markers, possibly doubled ("- - 1er semestre 2023"), but not the "--MM-DD" of an annual date.
  while (/^[-•*]\s*(?=[^-])|^[-•*]\s+(?=-)/.test(s)) s = s.replace(/^[-•*]\s*/, '');
  // "fin de l'année 2023", "début d'année 2014": the same as "fin 2023", "début 2014".
  s = s.replace(/\b(debut|fin) (?:de l'|d')annee (?=\d{4}\b)/g, '$1 ');
  s = s.replace(/^\((.*)\)$/, '$1').trim();
  s = s.replace(/[.;,:]+$/, '').trim();
  s = s.replace(/\b(\d)(?:e|eme|ieme)\b/g, '$1e');
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Parses one fuzzy date or period. `annual` allows months without a year, as in
 * the lines of a recurring annual schedule ("octobre-juin").
 */
export function parseFuzzyDate(raw: string, options: { annual?: boolean } = {}): FuzzyDateResult {
  // The same few expressions recur across thousands of sheets, and each is parsed twice
  // (the calendar checks, then the model): a result is kept, and handed out as a copy.
  const key = `${options.annual ? 1 : 0}${raw}`;
  let result = parsedDates.get(key);
  if (!result) {
    if (parsedDates.size >= 50_000) parsedDates.clear();
    parsedDates.set(key, (result = parseUncached(raw, options)));
  }
  return result.ok ? { ok: true, value: { ...result.value } } : { ...result };
}

const parsedDates = new Map<string, FuzzyDateResult>();

function parseUncached(raw: string, options: { annual?: boolean }): FuzzyDateResult {
  const texte = raw;
  const fail = (why: string): FuzzyDateResult => ({
    ok: false,
    message: `« ${raw.trim()} » n'est pas une date lisible${why ? ` : ${why}` : '.'} ${ACCEPTED_DATE_FORMS}`,
  });
  if (typeof raw !== 'string' || raw.trim() === '') {
    return { ok: false, message: `La date est vide : écrivez la date telle que la source la donne, ou retirez le champ. ${ACCEPTED_DATE_FORMS}` };
  }
  if (QUOTED.test(raw)) {
    const inner = raw.trim().replace(/^[«‹“”„"'‘’]\s*|\s*[»›“”"'‘’]$/g, '');
    return fail(`les guillemets qui l'entourent font partie du texte : retirez-les et écrivez seulement ${inner || 'la date'} (si le YAML exige des guillemets, prenez des guillemets droits : "${inner || '…'}").`);
  }
  let s = normalise(raw);

  if (/^(sans (date de )?fin|pas de (date de )?fin)\b/.test(s)) {
    return { ok: true, value: { texte, debut: null, fin: null, precision: null, approximatif: false, ouvert: true } };
  }
  let approx = false;
  let continu = false;
  const continuous = s.match(/^(?:action )?(?:en continue? |de maniere continue )?(?:sur (?:toute )?la periode(?: de la feuille de route| du schema| du plan)?)(.*)$/);
  if (continuous || /^en continue?$/.test(s)) {
    continu = true;
    s = (continuous?.[1] ?? '').trim();
    if (s === '') {
      return { ok: true, value: { texte, debut: null, fin: null, precision: null, approximatif: false, continu: true } };
    }
  }
  // Words around the date, possibly stacked ("jusqu'à l'horizon 2027", "pour la rentrée 2014/2015",
  // "depuis le début de l'année 2014"); the vague ones make the date approximate.
  const seen = new Set<string>();
  for (;;) {
    const prefix = s.match(
      /^(?:a partir de |a partir d'|des |depuis |jusqu'a |jusqu'en |jusque |jusqu'au |d'ici |pour |sur |en |au (?!cours\b)|le |la |les |l'|periode (?=\d)|annee (?=\d)|(a l'horizon de |a l'horizon |a horizon |horizon |vers |courant |dans le courant de |au cours de (?:l'annee )?))(.+)$/,
    );
    if (!prefix) break;
    const [whole, vague, rest] = prefix as unknown as [string, string | undefined, string];
    const word = whole.slice(0, whole.length - rest.length);
    if (seen.has(word)) break; // "le le 2024" is not a date
    seen.add(word);
    if (vague) approx = true;
    s = rest;
  }

  try {
    const hint = notADateHint(s);
    if (hint) return fail(hint);
    let interval: Interval;
    try {
      interval = single(s, options.annual ?? false);
    } catch (error) {
      if (!(error instanceof DateError) || error.message) throw error;
      const r = range(s);
      if (!r) throw error;
      interval = r;
    }
    if (interval.start.y === null && !options.annual) {
      return fail('il manque l\'année (un mois sans année n\'est admis que dans un calendrier annuel récurrent).');
    }
    return {
      ok: true,
      value: {
        texte,
        debut: iso(interval.start),
        fin: iso(interval.end),
        precision: interval.precision,
        approximatif: interval.approx || approx,
        ...(continu ? { continu: true } : {}),
      },
    };
  } catch (error) {
    if (error instanceof DateError) return fail(error.message || (nearFormHint(s) ?? ''));
    throw error;
  }
}

/** Precision rank, to compare how exact two dates are. */
export function precisionRank(p: Precision): number {
  return PRECISION_RANK[p];
}
