/**
 * The safe reader of content files (src/lib/content/safe-read.ts): only regular files
 * are read, the size is checked on the descriptor before any byte is read, and nothing
 * (a link, a FIFO, a huge file) makes it follow, block or fill the memory.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSourceText } from '../src/lib/content/read-source.ts';
import { fsErrorMessage, MAX_CONTENT_BYTES, readRegularFile, tooBigMessage, walkContent } from '../src/lib/content/safe-read.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jalons-lecture-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const refused = (result: ReturnType<typeof readRegularFile>) => {
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.message;
};

describe('readRegularFile', () => {
  it('reads a regular file, byte for byte', () => {
    writeFileSync(join(dir, 'fiche.md'), '---\ntitre: Fiche\n---\n');
    const result = readRegularFile(join(dir, 'fiche.md'));
    expect(result.ok && result.bytes.toString('utf8')).toBe('---\ntitre: Fiche\n---\n');
  });

  it('reads a file of exactly the limit, refuses one byte more', () => {
    writeFileSync(join(dir, 'limite.md'), Buffer.alloc(MAX_CONTENT_BYTES, 0x61));
    const ok = readRegularFile(join(dir, 'limite.md'));
    expect(ok.ok && ok.bytes.length).toBe(MAX_CONTENT_BYTES);
    writeFileSync(join(dir, 'plus.md'), Buffer.alloc(MAX_CONTENT_BYTES + 1, 0x61));
    expect(refused(readRegularFile(join(dir, 'plus.md')))).toMatch(/au-delà de la limite de 2 Mo/);
  });

  it('checks the size before reading: a 5 Mo file says so, a 64 Go sparse file is refused at once, unread', () => {
    const five = join(dir, 'cinq.md');
    writeFileSync(five, '');
    truncateSync(five, 5 * 1024 * 1024);
    expect(refused(readRegularFile(five))).toMatch(/^Le fichier pèse 5,0 Mo, au-delà de la limite de 2 Mo/);
    // Reading 64 Go would take minutes and fill the memory: the answer comes from fstat alone.
    const huge = join(dir, 'immense.md');
    writeFileSync(huge, '');
    truncateSync(huge, 64 * 1024 ** 3);
    const started = Date.now();
    expect(refused(readRegularFile(huge))).toMatch(/^Le fichier pèse 65\s536,0 Mo/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a symbolic link, whatever it points to, without showing the target', () => {
    writeFileSync(join(dir, 'secret.txt'), 'JETON-SECRET');
    symlinkSync(join(dir, 'secret.txt'), join(dir, 'lien.md'));
    symlinkSync('nulle-part', join(dir, 'brise.md'));
    symlinkSync('boucle.md', join(dir, 'boucle.md'));
    symlinkSync('/dev/zero', join(dir, 'zero.md'));
    for (const name of ['lien.md', 'brise.md', 'boucle.md', 'zero.md']) {
      const message = refused(readRegularFile(join(dir, name)));
      expect(message).toMatch(/lien symbolique/);
      expect(message).not.toMatch(/JETON|secret\.txt|nulle-part|dev/);
    }
  });

  it('refuses a FIFO without blocking (no writer: an ordinary open would wait for ever)', () => {
    const fifo = join(dir, 'tube.md');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(refused(readRegularFile(fifo))).toMatch(/tube nommé \(FIFO\)/);
  });

  it('refuses a folder, and a missing file, with a French message', () => {
    mkdirSync(join(dir, 'dossier.md'));
    expect(refused(readRegularFile(join(dir, 'dossier.md')))).toMatch(/Un dossier se trouve là où un fichier était attendu/);
    expect(refused(readRegularFile(join(dir, 'absent.md')))).toMatch(/a disparu pendant la lecture/);
  });

  it.runIf(process.platform === 'linux')('refuses a file reached through a linked folder', () => {
    mkdirSync(join(dir, 'vrai'));
    writeFileSync(join(dir, 'vrai', 'a.md'), 'texte');
    symlinkSync(join(dir, 'vrai'), join(dir, 'raccourci'));
    expect(refused(readRegularFile(join(dir, 'raccourci', 'a.md')))).toMatch(/passe par un lien symbolique/);
    expect(readRegularFile(join(dir, 'vrai', 'a.md')).ok).toBe(true);
  });
});

describe('walkContent', () => {
  it('lists regular files, never enters a linked folder, and names every other entry with its message', () => {
    const root = mkdtempSync(join(dir, 'arbre-'));
    mkdirSync(join(root, 'rm', 'fiches'), { recursive: true });
    writeFileSync(join(root, 'rm', 'fiches', 'a.md'), 'a');
    writeFileSync(join(root, '.cache'), 'ignoré');
    symlinkSync('..', join(root, 'rm', 'boucle'));
    symlinkSync(join(root, 'rm'), join(root, 'copie'));
    spawnSync('mkfifo', [join(root, 'rm', 'tube.md')]);
    const walked = walkContent(root).map((e) => [e.parts.join('/'), e.kind, e.message !== undefined]);
    expect(walked).toEqual([
      ['copie', 'symlink', true],
      ['rm/boucle', 'symlink', true],
      ['rm/fiches/a.md', 'file', false],
      ['rm/tube.md', 'fifo', true],
    ]);
  });
});

describe('size message', () => {
  it('writes sizes the French way', () => {
    expect(tooBigMessage(4.9 * 1024 * 1024)).toMatch(/^Le fichier pèse 4,9 Mo, au-delà de la limite de 2 Mo/);
    expect(readSourceText('f.md', Buffer.alloc(5 * 1024 * 1024, 0x61)).problems[0]!.message).toMatch(/pèse 5,0 Mo/);
  });
});

describe('file-system errors', () => {
  // As root (these machines), permissions cannot be taken away: the codes are given directly.
  it('become French messages that say how to fix them, whatever the code', () => {
    expect(fsErrorMessage({ code: 'EACCES' })).toMatch(/^Le fichier n'est pas lisible \(droits insuffisants\) : rendez-le lisible/);
    expect(fsErrorMessage({ code: 'EACCES' }, 'dossier')).toMatch(/^Le dossier n'est pas lisible.*chmod u\+rx/);
    expect(fsErrorMessage({ code: 'ELOOP' })).toMatch(/lien symbolique/);
    expect(fsErrorMessage({ code: 'EISDIR' })).toMatch(/Un dossier se trouve là où un fichier était attendu/);
    expect(fsErrorMessage({ code: 'ENXIO' })).toMatch(/ni un fichier ordinaire ni un dossier/);
    expect(fsErrorMessage({ code: 'EIO' })).toMatch(/^Le fichier ne peut pas être lu \(erreur système EIO\)/);
    expect(fsErrorMessage(new Error('sans code'))).toMatch(/erreur système inconnue/);
  });
});
