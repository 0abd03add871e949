/**
 * The one way Jalons touches the content folder: entries are looked at with lstat
 * (a link is never followed), and a file is read only if it is a regular file, no
 * bigger than the limit, checked on the open descriptor itself before a single byte
 * is read. A symbolic link (to a file or a folder, inside or outside the content
 * folder, dangling or looping), a device, a FIFO or a socket is refused with a French
 * message that says what it is and never shows what it points to or holds.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, realpathSync, type Dirent, type Stats } from 'node:fs';
import { join } from 'node:path';

/** The largest content file read: a sheet is a few kilobytes, 2 Mo is a mistake. */
export const MAX_CONTENT_BYTES = 2 * 1024 * 1024;

const megabytes = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** "Le fichier pèse 4,9 Mo, …": the size message, in French number format. */
export function tooBigMessage(size: number, limit = MAX_CONTENT_BYTES): string {
  return `Le fichier pèse ${megabytes.format(size / 1024 / 1024)} Mo, au-delà de la limite de ${new Intl.NumberFormat('fr-FR').format(limit / 1024 / 1024)} Mo pour une fiche : découpez-le en plusieurs fiches.`;
}

export type EntryKind = 'directory' | 'file' | 'symlink' | 'fifo' | 'socket' | 'char-device' | 'block-device' | 'unknown';

export function kindOf(entry: Dirent | Stats): EntryKind {
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isDirectory()) return 'directory';
  if (entry.isFile()) return 'file';
  if (entry.isFIFO()) return 'fifo';
  if (entry.isSocket()) return 'socket';
  if (entry.isCharacterDevice()) return 'char-device';
  if (entry.isBlockDevice()) return 'block-device';
  return 'unknown';
}

const REFUSE = 'Jalons ne lit que des fichiers ordinaires et des dossiers du dossier de contenu, et ne suit jamais un lien.';

/** Why an entry that is neither a regular file nor a folder is refused, and how to fix it. */
export function specialEntryMessage(kind: Exclude<EntryKind, 'directory' | 'file'>): string {
  switch (kind) {
    case 'symlink':
      return `Cette entrée est un lien symbolique : ${REFUSE} Remplacez le lien par le fichier (ou le dossier) lui-même, ou supprimez-le.`;
    case 'fifo':
      return `Cette entrée est un tube nommé (FIFO), pas un fichier : ${REFUSE} Supprimez-la.`;
    case 'socket':
      return `Cette entrée est un point de connexion (socket Unix), pas un fichier : ${REFUSE} Supprimez-la.`;
    case 'char-device':
      return `Cette entrée est un périphérique (mode caractère), pas un fichier : ${REFUSE} Supprimez-la.`;
    case 'block-device':
      return `Cette entrée est un périphérique (mode bloc), pas un fichier : ${REFUSE} Supprimez-la.`;
    default:
      return `Cette entrée n'est ni un fichier ordinaire ni un dossier : ${REFUSE} Supprimez-la.`;
  }
}

/** A file-system error (EACCES, ENOENT…) as a French message: never a stack trace, never the bytes. */
export function fsErrorMessage(error: unknown, what: 'fichier' | 'dossier' = 'fichier'): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const le = what === 'fichier' ? 'Le fichier' : 'Le dossier';
  switch (code) {
    case 'ELOOP':
      return specialEntryMessage('symlink');
    case 'ENOENT':
      return `${le} a disparu pendant la lecture (ou passe par un lien brisé) : relancez la commande une fois les fichiers en place.`;
    case 'EACCES':
    case 'EPERM':
      return `${le} n'est pas lisible (droits insuffisants) : rendez-le lisible (chmod u+r${what === 'dossier' ? 'x' : ''}) ou retirez-le du dossier de contenu.`;
    case 'EISDIR':
      return 'Un dossier se trouve là où un fichier était attendu : renommez ou déplacez ce dossier.';
    case 'ENOTDIR':
      return 'Un fichier se trouve là où un dossier était attendu : renommez ou déplacez ce fichier.';
    case 'ENXIO':
    case 'ENODEV':
      return specialEntryMessage('unknown');
    default:
      return `${le} ne peut pas être lu (erreur système ${code ?? 'inconnue'}) : vérifiez qu'il est un ${what} ordinaire et lisible.`;
  }
}

export type SafeRead = { ok: true; bytes: Buffer } | { ok: false; message: string };

/**
 * Reads the regular file at `abs`, at most `limit` bytes. Opened without following a
 * final link and without blocking (a FIFO swapped in after the walk opens at once and is
 * then refused), checked with fstat on the descriptor (kind and size, before any read),
 * then read up to limit + 1 bytes only, so a file that grows meanwhile is refused too.
 * With `expectedReal`, the descriptor's real path (Linux: /proc/self/fd) must be exactly
 * that path: a folder swapped for a link on the way is refused as well.
 */
export function readRegularFile(abs: string, limit = MAX_CONTENT_BYTES, expectedReal: string | null = abs): SafeRead {
  let fd: number;
  try {
    fd = openSync(abs, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0));
  } catch (error) {
    return { ok: false, message: fsErrorMessage(error) };
  }
  try {
    const stats = fstatSync(fd);
    const kind = kindOf(stats);
    if (kind === 'directory') return { ok: false, message: fsErrorMessage({ code: 'EISDIR' }) };
    if (kind !== 'file') return { ok: false, message: specialEntryMessage(kind) };
    const real = expectedReal === null ? null : realPathOfDescriptor(fd);
    if (real !== null && real !== expectedReal) {
      return { ok: false, message: `Le chemin de ce fichier passe par un lien symbolique : ${REFUSE} Remplacez le lien par le dossier lui-même.` };
    }
    if (stats.size > limit) return { ok: false, message: tooBigMessage(stats.size, limit) };
    // One byte more than fstat says: a file that grew since is read on, up to limit + 1 bytes at most.
    let buffer = Buffer.allocUnsafe(stats.size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > limit) break;
        const bigger = Buffer.allocUnsafe(Math.min(length * 2, limit + 1));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > limit) return { ok: false, message: tooBigMessage(length, limit) };
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { ok: false, message: fsErrorMessage(error) };
  } finally {
    closeSync(fd);
  }
}

function realPathOfDescriptor(fd: number): string | null {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return null;
  }
}

/** The real path of a content root given by the user (it may itself be a link), or null if it is not a readable folder. */
export function resolveContentRoot(dir: string): string | null {
  try {
    const real = realpathSync(dir);
    return lstatSync(real).isDirectory() ? real : null;
  } catch {
    return null;
  }
}

export interface WalkedEntry {
  /** Real absolute path (under the resolved root). */
  abs: string;
  /** Path segments inside the content folder. */
  parts: string[];
  kind: EntryKind;
  /** For an entry that cannot be read or listed: why, in French. */
  message?: string;
}

/**
 * Every entry under `root` (a real path), sorted, hidden names skipped, folders listed
 * but never through a link. Regular files come with kind 'file'; anything else that is
 * not a folder comes with its message, and so does a folder that cannot be listed.
 */
export function walkContent(root: string, out: WalkedEntry[] = [], parts: string[] = []): WalkedEntry[] {
  const dir = join(root, ...parts);
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    out.push({ abs: dir, parts, kind: 'directory', message: fsErrorMessage(error, 'dossier') });
    return out;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const here = [...parts, entry.name];
    const kind = kindOf(entry);
    if (kind === 'directory') walkContent(root, out, here);
    else if (kind === 'file') out.push({ abs: join(dir, entry.name), parts: here, kind });
    else out.push({ abs: join(dir, entry.name), parts: here, kind, message: specialEntryMessage(kind) });
  }
  return out;
}
