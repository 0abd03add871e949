/** Every internal URL of the site, built in one place from the base path. */
export function makeUrls(base: string) {
  const b = base.endsWith('/') ? base : `${base}/`;
  return {
    home: () => b,
    roadmap: (rm: string) => `${b}${rm}/`,
    entry: (rm: string, id: string) => `${b}${rm}/${id}/`,
    roadmapCalendar: (rm: string) => `${b}${rm}/calendrier/`,
    roadmapTable: (rm: string) => `${b}${rm}/fiches/`,
    roadmapDocument: (rm: string) => `${b}${rm}/document/`,
    /** A roadmap that others decline: their contributions by territory (src/lib/site/coverage.ts). */
    roadmapCoverage: (rm: string) => `${b}${rm}/declinaisons/`,
    actors: () => `${b}acteurs/`,
    actor: (id: string) => `${b}acteurs/${id}/`,
    glossary: () => `${b}glossaire/`,
    calendar: () => `${b}calendrier/`,
    calendarYear: (year: number) => `${b}calendrier/${year}/`,
    /** Every year together; /calendrier/ itself shows the current year. */
    calendarAllYears: () => `${b}calendrier/toutes/`,
    /** Framable pages for other sites (src/lib/site/embeds.ts). */
    embedSheet: (rm: string, id: string) => `${b}integrer/${rm}/${id}/`,
    embedRoadmap: (rm: string) => `${b}integrer/${rm}/`,
    embedCalendar: (rm: string) => `${b}integrer/${rm}/calendrier/`,
    search: () => `${b}recherche/`,
    asset: (path: string) => `${b}${path.replace(/^\//, '')}`,
    /** Where a roadmap's page lists its own dates: its milestones with their state, else its key facts (adoption, publication). */
    roadmapDates: (rm: { id: string; jalons: readonly unknown[] }) => `${b}${rm.id}/${rm.jalons.length > 0 ? '#cap' : '#faits'}`,
  };
}
export type Urls = ReturnType<typeof makeUrls>;

/** Addresses without the base path: what decides which rendering process builds a page (src/lib/build/build-part.ts). */
export const siteUrls = makeUrls('/');
