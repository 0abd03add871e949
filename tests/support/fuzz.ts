/**
 * Seeded mutations of real content files, for the fuzz gate. Each case derives its
 * own generator from (seed, index), so one case can be replayed alone.
 */

/** mulberry32: small, fast, good enough to pick mutations. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const caseSeed = (seed: number, index: number) => (Math.imul(seed ^ 0x9e3779b9, 2654435761) + index * 40503) >>> 0;

const SPECIAL = [':', '"', "'", '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '-', '\t', '\r', '\u0000', '\ufeff', '%', '@', '`', '\\', '---', '\u00e9', '\ud83d\ude00', '\u2028'];

type Mutation = (bytes: Buffer, rand: () => number) => Buffer;
const pick = <T>(items: readonly T[], rand: () => number): T => items[Math.floor(rand() * items.length)]!;
const lines = (b: Buffer) => b.toString('latin1').split('\n');
const join = (l: string[]) => Buffer.from(l.join('\n'), 'latin1');

export const MUTATIONS: Record<string, Mutation> = {
  'inverse des bits': (b, rand) => {
    const out = Buffer.from(b);
    const n = 1 + Math.floor(rand() * 4);
    for (let i = 0; i < n && out.length; i++) out[Math.floor(rand() * out.length)]! ^= 1 << Math.floor(rand() * 8);
    return out;
  },
  'remplace un octet': (b, rand) => {
    const out = Buffer.from(b);
    if (out.length) out[Math.floor(rand() * out.length)] = Math.floor(rand() * 256);
    return out;
  },
  'supprime une ligne': (b, rand) => {
    const l = lines(b);
    l.splice(Math.floor(rand() * l.length), 1 + Math.floor(rand() * 2));
    return join(l);
  },
  'duplique une ligne': (b, rand) => {
    const l = lines(b);
    const i = Math.floor(rand() * l.length);
    l.splice(i, 0, l[i]!);
    return join(l);
  },
  'échange deux lignes': (b, rand) => {
    const l = lines(b);
    const i = Math.floor(rand() * l.length);
    const j = Math.floor(rand() * l.length);
    [l[i], l[j]] = [l[j]!, l[i]!];
    return join(l);
  },
  'change l\'indentation': (b, rand) => {
    const l = lines(b);
    const i = Math.floor(rand() * l.length);
    const r = rand();
    l[i] = r < 0.3 ? l[i]!.trimStart() : r < 0.6 ? ' '.repeat(1 + Math.floor(rand() * 6)) + l[i] : r < 0.8 ? `\t${l[i]}` : l[i]!.replace(/^ {1,2}/, '');
    return join(l);
  },
  'échange deux valeurs': (b, rand) => {
    const l = lines(b);
    const pairs = l.map((s, i) => [i, /^(\s*-?\s*[\w-]+:)\s(.*)$/.exec(s)] as const).filter(([, m]) => m);
    if (pairs.length < 2) return b;
    const [i, mi] = pick(pairs, rand);
    const [j, mj] = pick(pairs, rand);
    l[i] = `${mi![1]} ${mj![2]}`;
    l[j] = `${mj![1]} ${mi![2]}`;
    return join(l);
  },
  'insère un caractère spécial': (b, rand) => {
    const s = b.toString('utf8');
    const at = Math.floor(rand() * (s.length + 1));
    return Buffer.from(s.slice(0, at) + pick(SPECIAL, rand) + s.slice(at), 'utf8');
  },
  'tronque le fichier': (b, rand) => b.subarray(0, Math.floor(rand() * b.length)),
  'vide une valeur': (b, rand) => {
    const l = lines(b);
    const keyed = l.map((s, i) => [i, s] as const).filter(([, s]) => /^\s*[\w-]+:\s\S/.test(s));
    if (!keyed.length) return b;
    const [i, s] = pick(keyed, rand);
    l[i] = s.replace(/:\s.*$/, pick([':', ': ~', ': []', ': {}', ': ""', ': 0', ': -1', ': 99999999999999999999', ': 2023-02-30', ': .nan', ': true'], rand));
    return join(l);
  },
};

export interface FuzzCase {
  index: number;
  file: string;
  mutations: string[];
  bytes: Buffer;
}

/** One case: a file picked at random among `files`, with one to three mutations. */
export function makeCase(seed: number, index: number, files: ReadonlyArray<{ path: string; bytes: Buffer }>): FuzzCase {
  const rand = prng(caseSeed(seed, index));
  const file = pick(files, rand);
  let bytes = file.bytes;
  const names: string[] = [];
  const count = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < count; i++) {
    const name = pick(Object.keys(MUTATIONS), rand);
    names.push(name);
    bytes = MUTATIONS[name]!(bytes, rand);
  }
  return { index, file: file.path, mutations: names, bytes };
}
