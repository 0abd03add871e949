/** How many roadmaps and sheets a model holds: what the build, the validator and the home page say. */
export function modelCounts(model: { feuilles_de_route: ReadonlyArray<{ fiches: readonly unknown[] }> }): { feuilles_de_route: number; fiches: number } {
  return { feuilles_de_route: model.feuilles_de_route.length, fiches: model.feuilles_de_route.reduce((n, r) => n + r.fiches.length, 0) };
}
