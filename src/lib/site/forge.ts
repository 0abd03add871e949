/**
 * Where the sources live on the forge, for a sheet's "modifier cette fiche" and
 * "historique" links. From the environment at build time:
 *   JALONS_DEPOT   web address of the repository (https://github.com/org/jalons,
 *                  https://gitlab.departement.fr/numerique/jalons)
 *   JALONS_FORGE   github | gitlab (default: gitlab when the address says so, else github)
 *   JALONS_BRANCHE branch the site is published from (default: JALONS_CMS_BRANCH, else main)
 * Without JALONS_DEPOT, JALONS_CMS_REPO on github.com is used; with neither, no links.
 */
export interface Forge {
  type: 'github' | 'gitlab';
  /** Repository web address, without a trailing slash. */
  depot: string;
  branche: string;
}

export function forgeFromEnv(env: NodeJS.ProcessEnv = process.env): Forge | null {
  const branche = env.JALONS_BRANCHE?.trim() || env.JALONS_CMS_BRANCH?.trim() || 'main';
  let depot = env.JALONS_DEPOT?.trim();
  let type = env.JALONS_FORGE?.trim();
  if (!depot && env.JALONS_CMS_REPO?.trim() && (env.JALONS_CMS_BACKEND ?? 'github') === 'github') {
    depot = `https://github.com/${env.JALONS_CMS_REPO.trim()}`;
    type ??= 'github';
  }
  if (!depot) return null;
  let url: URL;
  try {
    url = new URL(depot);
  } catch {
    throw new Error(`JALONS_DEPOT : « ${depot} » n'est pas une adresse complète (https://github.com/organisation/depot).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`JALONS_DEPOT : « ${depot} » doit commencer par https://.`);
  if (type && type !== 'github' && type !== 'gitlab') throw new Error(`JALONS_FORGE : « ${type} » n'est pas reconnu ; écrivez « github » ou « gitlab ».`);
  const kind = (type as Forge['type'] | undefined) ?? (/gitlab/i.test(url.host) ? 'gitlab' : 'github');
  return { type: kind, depot: depot.replace(/\/+$/, ''), branche };
}

/** Links for a file given by its path from the repository root ("content/x/fiches/a.md"). */
export function forgeLinks(forge: Forge, path: string): { modifier: string; historique: string } {
  const file = path.split('/').map(encodeURIComponent).join('/');
  const branch = encodeURIComponent(forge.branche);
  // GitLab puts its project pages under "/-/"; GitHub does not.
  const sep = forge.type === 'gitlab' ? '/-' : '';
  return {
    modifier: `${forge.depot}${sep}/edit/${branch}/${file}`,
    historique: `${forge.depot}${sep}/commits/${branch}/${file}`,
  };
}
