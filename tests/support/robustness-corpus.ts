/**
 * Malformed inputs for the robustness gate: each case is the valid fixture
 * (tests/fixtures/valide) plus one broken file, with where and how the validator
 * must report it.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, lstatSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, type MakeEntry } from './content-tree.ts';

export interface BrokenCase {
  name: string;
  /** Path inside the content folder of the one broken file. */
  file: string;
  content?: string | Buffer | (() => string | Buffer);
  /** Instead of `content`: makes the entry itself (a symbolic link, a FIFO, a socket, a device). */
  make?: MakeEntry;
  /** Reading this entry would block, or eat memory, if it were read as a file: its runs must end on their own. */
  blocks?: boolean;
  /** Expected line of the error in that file (or the lines where a reader could look for it). */
  ligne: number | number[];
  /** What the French message must say. */
  message: RegExp;
  /** Other files that may get their own error, when the problem lies between files (a cycle). */
  autres?: string[];
}

const F = 'exemple/fiches';
const sheet = (yaml: string, body = '') => `---\n${yaml}\n---\n${body}`;
const parentA1 = 'parent: a-1';

/**
 * Written in what links point to, and in a system file copied as an actor: a message may
 * name the entry, never show these bytes. No output of any case may contain it.
 */
export const SECRET = 'ghp_JalonsFauxJeton5f0c9e2d';

const link = (target: (outside: string) => string): MakeEntry => (path, outside) => symlinkSync(target(outside), path);
const outsideFile = (name: string, bytes: string) => link((outside) => {
  writeFileSync(join(outside, name), bytes);
  return join(outside, name);
});
const fifo: MakeEntry = (path) => {
  const made = spawnSync('mkfifo', [path], { encoding: 'utf8', timeout: 10_000 });
  if (made.status !== 0) throw new Error(`mkfifo a échoué : ${made.stderr}`);
};
const socket: MakeEntry = (path) => {
  // A child binds the socket and exits without closing it: the socket file stays.
  spawnSync(process.execPath, ['-e', `require('node:net').createServer().listen(${JSON.stringify(path)}, () => process.exit(0))`], { timeout: 10_000 });
  if (!lstatSync(path).isSocket()) throw new Error(`Pas de socket créée à ${path}`);
};
/** /dev/null's own device numbers when mknod is allowed (root); a link to /dev/null stands for it otherwise. */
const charDevice: MakeEntry = (path) => {
  if (spawnSync('mknod', [path, 'c', '1', '3'], { timeout: 10_000 }).status !== 0) symlinkSync('/dev/null', path);
};

export const BROKEN_CASES: BrokenCase[] = [
  // YAML syntax
  { name: 'guillemet non fermé', file: `${F}/guillemet.md`, content: sheet(`titre: "Fiche sans fin\n${parentA1}`), ligne: [2, 3], message: /guillemet/ },
  { name: 'crochet non fermé', file: `${F}/crochet.md`, content: sheet(`titre: Crochet\n${parentA1}\npilotes: [Le Département, CD99`), ligne: 4, message: /crochet|Indentation/ },
  { name: 'indentation incohérente', file: `${F}/indentation.md`, content: sheet(`titre: Indentation\n${parentA1}\ncalendrier:\n  debut: 2023\n    fin: 2024`), ligne: [5, 6], message: /clé|:/ },
  { name: 'deux-points manquant', file: `${F}/deux-points.md`, content: sheet(`titre: Deux points\n${parentA1}\nstatut en_cours`), ligne: 4, message: /manque/ },
  { name: 'tabulation', file: `${F}/tabulation.md`, content: sheet(`titre: Tabulation\n${parentA1}\ncalendrier:\n\tdebut: 2023`), ligne: 5, message: /tabulation/ },
  { name: 'clé en double', file: `${F}/cle-double.md`, content: sheet(`titre: Une\n${parentA1}\ntitre: Deux`), ligne: 4, message: /en double/ },
  { name: 'entête qui est une liste', file: `${F}/liste.md`, content: sheet('- titre\n- parent'), ligne: 2, message: /bloc de champs \(clé: valeur\), pas une liste/ },
  { name: 'entête qui est un texte seul', file: `${F}/scalaire.md`, content: sheet('juste du texte'), ligne: 2, message: /bloc de champs \(clé: valeur\), pas un texte seul \(1 ligne, 14 caractères\)/ },
  { name: 'bombe d\'alias YAML', file: `${F}/alias.md`, content: sheet(`titre: Alias\n${parentA1}\nrisques: &a [x, x, x, x, x, x, x, x, x, x]\npublics: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nbenefices: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nresultats_attendus: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]`), ligne: [1, 2], message: /renvois YAML/ },
  { name: 'imbrication très profonde', file: `${F}/profonde.md`, content: () => sheet(`titre: Profonde\n${parentA1}\nrisques: ${'['.repeat(5000)}${']'.repeat(5000)}`), ligne: 4, message: /YAML/ },
  { name: 'entête sans fin', file: `${F}/sans-fin.md`, content: `---\ntitre: Sans fin\n${parentA1}\n`, ligne: 1, message: /---/ },
  { name: 'pas d\'entête', file: `${F}/sans-entete.md`, content: 'titre: Sans entête\n', ligne: 1, message: /commencer par une ligne « --- »/ },
  // Bytes and encodings
  { name: 'BOM', file: `${F}/bom.md`, content: `\ufeff${sheet(`titre: BOM\n${parentA1}`)}`, ligne: 1, message: /BOM/ },
  { name: 'CRLF', file: `${F}/crlf.md`, content: sheet(`titre: CRLF\n${parentA1}`).replace(/\n/g, '\r\n'), ligne: 1, message: /CRLF/ },
  { name: 'octet Latin-1', file: `${F}/latin1.md`, content: Buffer.concat([Buffer.from(`---\ntitre: Fiche\n${parentA1}\nterritoire: "`), Buffer.from([0xe9]), Buffer.from('"\n---\n')]), ligne: 4, message: /UTF-8/ },
  { name: 'fichier vide', file: `${F}/vide.md`, content: '', ligne: 1, message: /vide/ },
  { name: 'fichier binaire', file: `${F}/binaire.md`, content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]), ligne: 1, message: /binaire/ },
  { name: 'fiche de 5 Mo', file: `${F}/enorme.md`, content: () => sheet(`titre: Énorme\n${parentA1}`, 'Texte. '.repeat(750_000)), ligne: 1, message: /2 Mo/ },
  { name: 'octet nul au milieu du texte', file: `${F}/nul.md`, content: sheet(`titre: Nul\n${parentA1}`, 'avant\u0000après'), ligne: 1, message: /octets nuls/ },
  // Types and keys
  { name: 'titre de type liste', file: `${F}/titre-liste.md`, content: sheet(`titre: [une, liste]\n${parentA1}`), ligne: 2, message: /titre/ },
  { name: 'ordre de type texte', file: `${F}/ordre-texte.md`, content: sheet(`titre: Ordre\n${parentA1}\nordre: premier`), ligne: 4, message: /nombre/ },
  // Numbers whose written digits YAML would change are kept as written: a quantity written so says how to write it
  { name: 'ordre écrit en hexadécimal', file: `${F}/ordre-hexa.md`, content: sheet(`titre: Ordre\n${parentA1}\nordre: 0x10`), ligne: 4, message: /« ordre » doit être un nombre écrit simplement : écrivez 16 au lieu de « 0x10 »/ },
  { name: 'ordre avec un zéro en tête', file: `${F}/ordre-zero.md`, content: sheet(`titre: Ordre\n${parentA1}\nordre: 01`), ligne: 4, message: /écrivez 1 au lieu de « 01 »/ },
  { name: 'ordre avec un exposant', file: `${F}/ordre-exposant.md`, content: sheet(`titre: Ordre\n${parentA1}\nordre: 1e3`), ligne: 4, message: /écrivez 1000 au lieu de « 1e3 »/ },
  { name: 'ordre sans zéro avant la virgule', file: `${F}/ordre-point.md`, content: sheet(`titre: Ordre\n${parentA1}\nordre: .5`), ligne: 4, message: /écrivez 0\.5 au lieu de « \.5 »/ },
  { name: 'priorité écrite 01', file: `${F}/priorite-zero.md`, content: sheet(`titre: Priorité\n${parentA1}\npriorite: 01`), ligne: 4, message: /La priorité « 01 » n'existe pas dans l'échelle de la feuille de route\. Écrivez « priorite: 1 »\./ },
  { name: 'sous_actions qui n\'est pas une liste', file: `${F}/sous-actions.md`, content: sheet(`titre: Sous-actions\n${parentA1}\nsous_actions: une seule`), ligne: 4, message: /liste/ },
  { name: 'clé inconnue', file: `${F}/cle-inconnue.md`, content: sheet(`titre: Clé\n${parentA1}\ndescriptif: texte`), ligne: 4, message: /Clé inconnue « descriptif »/ },
  { name: 'titre manquant', file: `${F}/sans-titre.md`, content: sheet(parentA1), ligne: 2, message: /« titre » manque/ },
  { name: 'statut hors liste', file: `${F}/statut.md`, content: sheet(`titre: Statut\n${parentA1}\nstatut: terminée`), ligne: 4, message: /valeur admise pour « statut »/ },
  { name: 'priorité hors échelle', file: `${F}/priorite.md`, content: sheet(`titre: Priorité\n${parentA1}\npriorite: 9`), ligne: 4, message: /priorité « 9 »/ },
  { name: 'lien javascript:', file: `${F}/lien-js.md`, content: sheet(`titre: Lien\n${parentA1}\nliens:\n  - { titre: Piège, url: "javascript:alert(1)" }`), ligne: 5, message: /url|adresse/i },
  { name: 'lien data:', file: `${F}/lien-data.md`, content: sheet(`titre: Lien\n${parentA1}\nliens:\n  - titre: Piège\n    url: "data:text/html,<script>alert(1)</script>"`), ligne: 6, message: /url|adresse/i },
  // Dates
  { name: 'date impossible (30 février)', file: `${F}/30-fevrier.md`, content: sheet(`titre: Février\n${parentA1}\ncalendrier: { debut: "2023-02-30", fin: 2024 }`), ligne: 4, message: /n'est pas une date lisible|n'existe pas/ },
  { name: 'mois 13', file: `${F}/mois-13.md`, content: sheet(`titre: Mois\n${parentA1}\ncalendrier:\n  debut: "2023-13"`), ligne: 5, message: /mois 13/ },
  { name: 'dates inversées', file: `${F}/inversees.md`, content: sheet(`titre: Inversées\n${parentA1}\ncalendrier:\n  debut: 2025\n  fin: 2023`), ligne: 6, message: /précède le début/ },
  { name: 'date floue illisible', file: `${F}/floue.md`, content: sheet(`titre: Floue\n${parentA1}\ncalendrier: un jour peut-être`), ligne: 4, message: /pas une date lisible/ },
  { name: 'date de cible illisible', file: `${F}/cible.md`, content: sheet(`titre: Cible\n${parentA1}\nindicateurs:\n  - libelle: Taux\n    cibles: [{ date: "l'an prochain", valeur: 3 }]`), ligne: 6, message: /pas une date lisible/ },
  { name: 'date entre guillemets « »', file: `${F}/guillemets-date.md`, content: sheet(`titre: Guillemets\n${parentA1}\ncalendrier:\n  debut: « 2024 »`), ligne: 5, message: /les guillemets qui l'entourent font partie du texte : retirez-les et écrivez seulement 2024/ },
  { name: 'trimestre à l\'anglaise', file: `${F}/trimestre-q.md`, content: sheet(`titre: Trimestre\n${parentA1}\ncalendrier: Q3 2024`), ligne: 4, message: /écrivez « T3 2024 »/ },
  { name: 'rentrée sans année scolaire', file: `${F}/rentree.md`, content: sheet(`titre: Rentrée\n${parentA1}\ncalendrier:\n  jalons:\n    - { date: rentrée 2024, libelle: Ouverture }`), ligne: 6, message: /écrivez « rentrée 2024\/2025 »/ },
  // References and hierarchy
  { name: 'parent introuvable', file: `${F}/parent.md`, content: sheet('titre: Parent\nparent: axe-z'), ligne: 3, message: /parent « axe-z » n'existe pas/ },
  { name: 'voir_aussi introuvable', file: `${F}/voir.md`, content: sheet(`titre: Voir\n${parentA1}\nvoir_aussi: [a-1-9]`), ligne: 4, message: /n'existe pas/ },
  { name: 'acteur inconnu', file: `${F}/acteur.md`, content: sheet(`titre: Acteur\n${parentA1}\npilotes: [Département Inconnu]`), ligne: 4, message: /Acteur inconnu/ },
  { name: 'code en double', file: `${F}/doublon.md`, content: sheet(`titre: Doublon\ncode: A.1.1\n${parentA1}`), ligne: 3, message: /déjà utilisé/ },
  { name: 'boucle dans la hiérarchie', file: 'exemple/noeuds/axe-a.md', content: sheet('titre: Piloter la stratégie\ncode: A\nniveau: axe\nparent: a-1'), ligne: 5, message: /Boucle dans la hiérarchie/, autres: ['exemple/noeuds/a-1.md'] },
  { name: 'nœud qui est son propre parent', file: 'exemple/noeuds/soi.md', content: sheet('titre: Soi\ncode: S\nniveau: axe\nparent: soi'), ligne: 5, message: /Boucle|propre/ },
  { name: 'niveau inconnu', file: 'exemple/noeuds/niveau.md', content: sheet('titre: Niveau\ncode: N\nniveau: chapitre'), ligne: 4, message: /niveau/ },
  // Files in the wrong place or with the wrong name
  { name: 'fichier hors de toute feuille de route', file: 'perdu.md', content: sheet('titre: Perdu'), ligne: 1, message: /hors de toute feuille de route/ },
  { name: 'dossier sans feuille-de-route.md', file: 'orpheline/fiches/seule.md', content: sheet('titre: Seule'), ligne: 1, message: /n'a pas de fichier feuille-de-route\.md/ },
  { name: 'emplacement inattendu', file: 'exemple/annexes/note.md', content: sheet('titre: Note'), ligne: 1, message: /Emplacement inattendu/ },
  { name: 'extension autre que .md', file: `${F}/note.txt`, content: sheet(`titre: Note\n${parentA1}`), ligne: 1, message: /« \.md »/ },
  { name: 'identifiant réservé fiches.md', file: `${F}/fiches.md`, content: sheet(`titre: Réservé\n${parentA1}`), ligne: [1, 2], message: /« fiches » est réservé/ },
  { name: 'identifiant réservé calendrier.md', file: 'exemple/noeuds/calendrier.md', content: sheet('titre: Réservé\ncode: C\nniveau: axe'), ligne: [1, 2], message: /« calendrier » est réservé/ },
  { name: 'dossier de feuille de route réservé', file: 'recherche/feuille-de-route.md', content: () => readFileSync(join(FIXTURES, 'valide', 'exemple', 'feuille-de-route.md')), ligne: [1, 2], message: /« recherche » est réservé/ },
  { name: 'majuscules dans le nom', file: `${F}/Fiche-A.md`, content: sheet(`titre: Majuscules\n${parentA1}`), ligne: 1, message: /minuscules/ },
  { name: 'accent dans le nom', file: `${F}/élan.md`, content: sheet(`titre: Accent\n${parentA1}`), ligne: 1, message: /minuscules sans accent/ },
  // Roadmap, actors, glossary
  { name: 'feuille de route sans statut', file: 'exemple/feuille-de-route.md', content: sheet('titre: Exemple\nporteurs: [departement-exemple]\nterritoire: { nom: Exemple, niveau: departement }\nsource: { titre: Doc }\nniveaux:\n  - { id: axe, nom: Axe }\n  - { id: objectif, nom: Objectif }'), ligne: 2, message: /statut/ },
  { name: 'acteur au type inconnu', file: 'acteurs/association-x.yaml', content: 'nom: Association X\ntype: associaton\n', ligne: 2, message: /Vouliez-vous dire « association »/ },
  { name: 'acteur YAML cassé', file: 'acteurs/casse.yaml', content: 'type: autre\nnom: "Casse\n', ligne: [2, 3], message: /guillemet/ },
  { name: 'acteur sans nom', file: 'acteurs/sans-nom.yaml', content: 'type: autre\n', ligne: 1, message: /« nom » manque/ },
  { name: 'site d\'acteur javascript:', file: 'acteurs/piege.yaml', content: 'nom: Piège\ntype: autre\nsite: "javascript:alert(1)"\n', ligne: 3, message: /site|adresse/i },
  { name: 'acteur en .yml', file: 'acteurs/autre.yml', content: 'nom: Autre\ntype: autre\n', ligne: 1, message: /\.yaml/ },
  // Entries that are not regular files: never followed, never read, never quoted
  { name: 'lien vers une fiche hors du contenu', file: `${F}/dehors.md`, make: outsideFile('fiche.md', sheet(`titre: Fiche ${SECRET}\n${parentA1}`, `Texte ${SECRET}.`)), ligne: 1, message: /lien symbolique/ },
  {
    name: 'lien vers un dossier de feuille de route hors du contenu',
    file: 'ailleurs',
    make: link((outside) => {
      const folder = join(outside, 'feuille');
      cpSync(join(FIXTURES, 'valide', 'exemple'), folder, { recursive: true });
      writeFileSync(join(folder, 'fiches', 'secrete.md'), sheet(`titre: Fiche ${SECRET}\n${parentA1}`, `Texte ${SECRET}.`));
      return folder;
    }),
    ligne: 1,
    message: /lien symbolique/,
  },
  { name: 'lien vers un acteur hors du contenu (jeton)', file: 'acteurs/jeton.yaml', make: outsideFile('identifiants', `GITHUB_TOKEN=${SECRET}\n`), ligne: 1, message: /lien symbolique/ },
  { name: 'lien vers un fichier système', file: 'acteurs/systeme.yaml', make: link(() => '/etc/passwd'), ligne: 1, message: /lien symbolique/ },
  { name: 'lien vers une autre fiche du contenu', file: `${F}/copie.md`, make: link(() => 'a-1-2.md'), ligne: 1, message: /lien symbolique/ },
  { name: 'lien brisé', file: `${F}/brise.md`, make: link(() => 'nulle-part.md'), ligne: 1, message: /lien symbolique/ },
  { name: 'lien qui boucle sur lui-même', file: `${F}/boucle.md`, make: link(() => 'boucle.md'), ligne: 1, message: /lien symbolique/ },
  { name: 'lien vers son dossier parent', file: 'exemple/noeuds/encore', make: link(() => '..'), ligne: 1, message: /lien symbolique/ },
  { name: 'lien vers /dev/zero', file: `${F}/zero.md`, make: link(() => '/dev/zero'), blocks: true, ligne: 1, message: /lien symbolique/ },
  { name: 'tube nommé (FIFO)', file: `${F}/tube.md`, make: fifo, blocks: true, ligne: 1, message: /tube nommé \(FIFO\)/ },
  { name: 'socket Unix', file: `${F}/prise.md`, make: socket, ligne: 1, message: /socket Unix/ },
  { name: 'périphérique', file: `${F}/peripherique.md`, make: charDevice, ligne: 1, message: /périphérique \(mode caractère\)|lien symbolique/ },
  // A whole file that is one text is described, never quoted
  { name: 'acteur qui est un fichier système copié', file: 'acteurs/copie.yaml', content: `root:x:0:0:root:/root:/bin/bash\n${SECRET}:x:1:1::/:/bin/sh\n`, ligne: 1, message: /pas un texte seul \(1 ligne, \d+ caractères\)/ },
  { name: 'valeur très longue', file: `${F}/longue.md`, content: sheet(`titre: Longue\n${parentA1}\nstatut: ${'tres-long-'.repeat(500)}${SECRET}`), ligne: 4, message: /« tres-long-tres-long-.{30,50}… » n'est pas une valeur admise pour « statut »/ },
  { name: 'clé très longue en double', file: `${F}/cle-longue.md`, content: sheet(`titre: Longue\n${parentA1}\n${'cle-'.repeat(200)}x: 1\n${'cle-'.repeat(200)}x: 2`), ligne: 5, message: /Clé « (cle-){14}.{0,4}… » en double/ },
  { name: 'lien de glossaire javascript:', file: 'glossaire/piege.yaml', content: 'sigle: PIEGE\ndefinition: Piège\nlien: "javascript:alert(1)"\n', ligne: 3, message: /lien|adresse/i },
];
