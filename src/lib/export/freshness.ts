/**
 * When each sheet's data last changed in git, for the model's freshness (« fraîcheur »,
 * src/lib/model/progress.ts), which cannot read git itself: the build computes this map
 * and hands it to the model as plain data.
 *
 * A commit that only re-formatted a file (data-changes says « Mise en forme modifiée »:
 * same fields, same values, same text) is not a change of the sheet: a migration that
 * rewrites every file must neither make every sheet look fresh on the site nor silence
 * the reminders (npm run relances). The last change is thus the newest commit that
 * changed the sheet's data, found by reading the versions of its newest commits, one
 * round per commit further back, until one is more than a re-formatting.
 *
 * Outside a repository or without git the map is empty (no date is ever guessed); in a
 * shallow clone, the commit where the history is cut is no change (readGitHistory).
 */
import { relative, sep } from 'node:path';
import { fr } from '../i18n/fr.ts';
import { describeFileChange } from './data-changes.ts';
import { MAX_VERSION_REQUESTS, readFileVersions, readGitHistory, versionKey, type Commit, type FileChange, type VersionRequest } from './git-history.ts';

/** A sheet file, relative to the content folder. */
const SHEET = /^[^/]+\/fiches\/[^/]+\.md$/;
/**
 * How many re-formatting commits in a row are looked through per file; past that, the
 * file's last data change is left unknown rather than guessed.
 */
const MAX_FORMATTING_ROUNDS = 20;

export type VersionsOf = (requests: readonly VersionRequest[]) => ReturnType<typeof readFileVersions>;

/**
 * The day (YYYY-MM-DD, in UTC) of the last commit that changed
 * each sheet's data, by the sheet's path from the project root (the model's « fichier »).
 * `commits`: the content folder's history, newest first, whole (readGitHistory(dir, null)).
 */
export function lastDataChanges(
  projectRoot: string,
  dir: string,
  commits: readonly Commit[] = readGitHistory(dir, null),
  versionsOf: VersionsOf = (requests) => readFileVersions(dir, requests),
): Map<string, string> {
  const out = new Map<string, string>();
  if (!commits.length) return out;
  const folder = relative(projectRoot, dir).split(sep).join('/');
  // Each sheet's changes, newest first.
  const changes = new Map<string, Array<{ commit: Commit; file: FileChange }>>();
  // A file whose newest change deleted it is not a sheet of the model: nothing to date.
  const deleted = new Set<string>();
  for (const commit of commits) {
    for (const file of commit.fichiers) {
      if (!SHEET.test(file.chemin) || deleted.has(file.chemin)) continue;
      const list = changes.get(file.chemin);
      if (list) list.push({ commit, file });
      else if (file.statut === 'D') deleted.add(file.chemin);
      else changes.set(file.chemin, [{ commit, file }]);
    }
  }
  let pending = [...changes.keys()].map((chemin) => ({ chemin, at: 0 }));
  for (let round = 0; round < MAX_FORMATTING_ROUNDS && pending.length; round++) {
    const next: typeof pending = [];
    for (let from = 0; from < pending.length; from += MAX_VERSION_REQUESTS) {
      const batch = pending.slice(from, from + MAX_VERSION_REQUESTS);
      const requests = batch.map(({ chemin, at }) => {
        const { commit, file } = changes.get(chemin)![at]!;
        return { hash: commit.hash, chemin, statut: file.statut, blobs: file.blobs };
      });
      const versions = versionsOf(requests);
      for (const { chemin, at } of batch) {
        const { commit, file } = changes.get(chemin)![at]!;
        const v = versions.get(versionKey(commit.hash, chemin));
        // Versions git could not give back: the commit is taken as a change, as the feeds do.
        const said = v && file.statut === 'M' ? describeFileChange('fiche', v.avant, v.apres) : null;
        const onlyFormatting = said !== null && said.length === 1 && said[0] === fr.modifications.miseEnForme;
        // The day in UTC, as the sheet page's « Dernière modification le » says it (formatChangeDate).
        if (!onlyFormatting) out.set(folder ? `${folder}/${chemin}` : chemin, new Date(commit.date).toISOString().slice(0, 10));
        else if (at + 1 < changes.get(chemin)!.length) next.push({ chemin, at: at + 1 });
      }
    }
    pending = next;
  }
  return out;
}
