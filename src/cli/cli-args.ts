/**
 * What every command of src/cli/ shares: its French help (--aide, --help, -h) built from the
 * options it declares, so the help never lists an option the command ignores; a French
 * message instead of a Node stack trace for an unknown or incomplete option; and a quiet
 * exit when the reader of its output goes away (`npm run validate -- --json | head`).
 *
 * Usage, in a command:
 *   const { values, positionals } = parseCommand({ commande: 'npm run x --', resume: '…', options: { … } });
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { contentDir } from '../lib/content/paths.ts';
import { didYouMean } from '../lib/content/suggest.ts';

export interface CommandOption {
  type: 'string' | 'boolean';
  /** Repeated option (--porteur a --porteur b): every value is kept, in order. */
  multiple?: boolean;
  short?: string;
  default?: string | boolean | string[] | boolean[];
  /** One line of French help. */
  aide: string;
  /** How the value is shown in the help (« <identifiant> »); a string option without it shows « <valeur> ». */
  valeur?: string;
}

export interface CommandSpec<O extends Record<string, CommandOption>> {
  /** How the command is typed, arguments included (« npm run importer -- <fichier.csv> »). */
  commande: string;
  /** What the command does, in one or two French sentences. */
  resume: string;
  options: O;
  /** Arguments without a dash (the importer's file). */
  positionnels?: boolean;
  /** Paragraphs printed after the options: examples, exit code, environment variables. */
  notes?: readonly string[];
}

const HELP_NAMES = ['aide', 'help'] as const;
const helpOptions = { aide: { type: 'boolean', short: 'h' }, help: { type: 'boolean' } } as const;

/** The help text of a command: usage, summary, options, notes. */
export function helpText(spec: CommandSpec<Record<string, CommandOption>>): string {
  const rows: Array<[string, string]> = Object.entries(spec.options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.valeur ?? '<valeur>'}` : ''}`;
    return [flag, `${o.aide}${o.multiple ? ' (répétable)' : ''}`];
  });
  rows.push(['-h, --aide, --help', 'affiche cette aide']);
  const width = Math.max(...rows.map(([f]) => f.length)) + 2;
  return [
    `Usage : ${spec.commande}${Object.keys(spec.options).length ? ' [options]' : ''}`,
    '',
    spec.resume,
    '',
    'Options :',
    ...rows.map(([f, a]) => `  ${f.padEnd(width)}${a}`),
    ...(spec.notes ?? []).flatMap((n) => ['', n]),
  ].join('\n');
}

/** A Node argument-parsing error, said in French. */
function frenchParseError(error: NodeJS.ErrnoException, spec: CommandSpec<Record<string, CommandOption>>): string {
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? '';
  const flag = quoted.split(' ')[0]!;
  const names = [...Object.keys(spec.options), ...HELP_NAMES].map((n) => `--${n}`);
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Option inconnue « ${flag} ».${didYouMean(flag, names)} Options reconnues : ${names.join(', ')}.`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const option = spec.options[flag.replace(/^-+/, '')];
      return option?.type === 'boolean'
        ? `L'option « ${flag} » ne prend pas de valeur.`
        : `L'option « ${flag} » attend une valeur : « ${flag} ${option?.valeur ?? '<valeur>'} ».`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Argument inattendu « ${quoted} » : cette commande ne prend que des options (--…). Une valeur qui contient des espaces s'écrit entre guillemets.`;
    default:
      return error.message;
  }
}

let pipeGuarded = false;

/**
 * When the reader of stdout or stderr goes away (`| head`, a closed terminal), stop quietly
 * with the exit code already decided, instead of an unhandled EPIPE stack trace.
 */
function exitQuietlyOnClosedPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    });
  }
}

/**
 * Parses the command line against `spec`. --aide / --help / -h print the help and exit 0;
 * a wrong option prints what is wrong, then the help, on stderr and exits 2.
 */
export function parseCommand<const O extends Record<string, CommandOption>>(spec: CommandSpec<O>, args: string[] = process.argv.slice(2)) {
  exitQuietlyOnClosedPipe();
  const options = Object.fromEntries(
    Object.entries(spec.options).map(([name, { aide: _aide, valeur: _valeur, ...descriptor }]) => [name, descriptor]),
  ) as { [K in keyof O]: Omit<O[K], 'aide' | 'valeur'> };
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...options, ...helpOptions }, allowPositionals: spec.positionnels ?? false, strict: true });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (!e.code?.startsWith('ERR_PARSE_ARGS')) throw error;
    // Asked for help along with a mistake: the help is what was wanted.
    if (args.some((a) => a === '-h' || a === '--aide' || a === '--help')) printHelpAndExit(spec);
    return usageError(spec, frenchParseError(e, spec));
  }
  const values = parsed.values as Record<string, unknown>;
  if (values['aide'] || values['help']) printHelpAndExit(spec);
  delete values['aide'];
  delete values['help'];
  return { values: parsed.values as Omit<typeof parsed.values, 'aide' | 'help'>, positionals: parsed.positionals };
}

function printHelpAndExit(spec: CommandSpec<Record<string, CommandOption>>): never {
  process.stdout.write(`${helpText(spec)}\n`);
  process.exit(0);
}

/** A mistake on the command line: what is wrong, then how the command is used; exit code 2. */
export function usageError(spec: CommandSpec<Record<string, CommandOption>>, message: string): never {
  process.stderr.write(`✗ ${message}\n\n${helpText(spec)}\n`);
  process.exit(2);
}

/** The folder `--contenu` names, or the project's content folder (JALONS_CONTENT_DIR, else content/). */
export function contentFolder(option: string | undefined, root = process.cwd()): string {
  return option ? resolve(option) : contentDir(root);
}
