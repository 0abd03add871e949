/**
 * Rendering split across processes. Astro 7.3 renders pages one after another on one
 * core; `npm run build` starts one rendering process per core instead, each building a
 * share of the pages (JALONS_PARTIE="<index>/<count>"), and merges their outputs.
 * Astro 7.4's experimental `parallelPrerender` does the same inside Astro; it is not
 * published on the registry these machines reach.
 *
 * A page's share depends on its address only, so it stays in the same process (and the
 * same incremental-build cache) when other pages are added or removed.
 */
export interface BuildPart {
  index: number;
  count: number;
}

const WHOLE_BUILD: BuildPart = { index: 0, count: 1 };

export function parsePart(value: string | undefined): BuildPart {
  if (!value) return WHOLE_BUILD;
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index >= count) throw new Error(`JALONS_PARTIE vaut « ${value} » : attendu « rang/nombre », par exemple « 0/2 ».`);
  return { index, count };
}

/** This process's part, as npm run build set it. */
export function partFromEnv(env: NodeJS.ProcessEnv = process.env): BuildPart {
  return parsePart(env.JALONS_PARTIE);
}

/** FNV-1a: stable across runs and machines, unlike anything seeded. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** True when the page at `address` is rendered by this process. */
export function inPart(address: string, part: BuildPart): boolean {
  return part.count === 1 || hash(address) % part.count === part.index;
}

/**
 * The first process also renders what exists once (the open-data files, /admin/); the
 * others render the site-wide pages too, since Astro always renders static routes, but
 * their copies are dropped when the outputs are merged.
 */
export function isMainPart(part: BuildPart): boolean {
  return part.index === 0;
}
