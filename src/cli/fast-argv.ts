// The pre-commit hook runs `leaklint staged` on every commit, and CI runs
// `leaklint diff` on every push, so their start-up time is felt every time.
// Loading yargs costs more than the whole scan of a small commit; this reads
// the plain forms of their options without it and gives up (returns
// undefined) on anything else, so that yargs, with its help, errors and every
// spelling it accepts, handles whatever is not plain.
import type { CommonArgs } from './options.js';
import { COMMON_OPTIONS } from './option-table.js';
import type { OptionSpec } from './option-table.js';

export type StagedArgs = CommonArgs & Record<string, unknown> & { paths: string[] };
export type DiffArgs = CommonArgs & Record<string, unknown> & { range?: string; 'allow-empty': boolean };

/** Options that take a value, by every spelling, under their canonical name (from the one option table). */
const VALUE_OPTIONS: Record<string, string> = {};
/** Flags, by spelling: the option they set and the value. */
const FLAGS: Record<string, [string, boolean]> = {};
for (const [name, spec] of Object.entries(COMMON_OPTIONS) as [string, OptionSpec][]) {
  if (spec.type === 'boolean') {
    FLAGS[`--${name}`] = [name, true];
    FLAGS[`--no-${name}`] = [name, false];
    if (spec.alias) FLAGS[`-${spec.alias}`] = [name, true];
    continue;
  }
  VALUE_OPTIONS[`--${name}`] = name;
  if (spec.alias) VALUE_OPTIONS[`-${spec.alias}`] = name;
  if (spec.negatable) FLAGS[`--no-${name}`] = [name, false];
}
const REPEATABLE = new Set(
  Object.entries(COMMON_OPTIONS as Record<string, OptionSpec>)
    .filter(([, spec]) => spec.repeatable)
    .map(([name]) => name),
);
const NUMBERS = new Set(
  Object.entries(COMMON_OPTIONS as Record<string, OptionSpec>)
    .filter(([, spec]) => spec.type === 'number')
    .map(([name]) => name),
);

/** A byte count yargs reads as the same plain number (no exponent, hex or leading zero). */
const PLAIN_SIZE = /^[1-9][0-9]{0,14}$/;

/**
 * The options after the command word as yargs would read them, each
 * positional handed to `positional` (false: give up), or false when the
 * command line holds anything but the plain forms: help, an unknown or
 * repeated option, a value that starts with `-` or is empty, `--flag=value`
 * for a flag, a flag followed by `true`/`false` (yargs would take it as the
 * flag's value); only `--output` may repeat. `--` ends the options; what
 * follows goes to `rest`, or gives up when there is no `rest`.
 */
function readOptions(
  argv: readonly string[],
  args: Record<string, unknown>,
  flags: Record<string, [string, boolean]>,
  positional: (token: string) => boolean,
  rest?: (tokens: string[]) => void,
): boolean {
  const seen = new Set<string>();
  const set = (name: string, value: string | number | boolean): boolean => {
    // Several report files (`-o sarif=a -o json=b`): yargs makes the repeats a list.
    if (REPEATABLE.has(name) && seen.has(name)) {
      args[name] = [args[name], value].flat();
      return true;
    }
    if (seen.has(name)) return false;
    seen.add(name);
    args[name] = value;
    return true;
  };
  for (let i = 1; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') {
      if (!rest) return false;
      rest(argv.slice(i + 1));
      break;
    }
    if (!token.startsWith('-')) {
      if (!positional(token)) return false;
      continue;
    }
    const flag = flags[token];
    if (flag) {
      const next = argv[i + 1];
      if (next === 'true' || next === 'false') return false;
      if (!set(flag[0], flag[1])) return false;
      continue;
    }
    const eq = token.indexOf('=');
    const spelling = eq > 0 && token.startsWith('--') ? token.slice(0, eq) : token;
    const name = VALUE_OPTIONS[spelling];
    if (!name) return false;
    const value = eq > 0 && spelling !== token ? token.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '' || value.startsWith('-')) return false;
    if (NUMBERS.has(name)) {
      if (!PLAIN_SIZE.test(value)) return false;
      if (!set(name, Number(value))) return false;
    } else if (!set(name, value)) return false;
  }
  return true;
}

/** `argv` as yargs would hand it to the `staged` handler (paths after `--` already appended), or undefined when not plain. */
export function parseStagedArgv(argv: readonly string[]): StagedArgs | undefined {
  if (argv[0] !== 'staged') return undefined;
  const args: StagedArgs = { format: 'human', 'show-secrets': false, color: true, quiet: false, paths: [] };
  const plain = readOptions(
    argv,
    args,
    FLAGS,
    (token) => (args.paths.push(token), true),
    (tokens) => args.paths.push(...tokens),
  );
  return plain ? args : undefined;
}

const DIFF_FLAGS: Record<string, [string, boolean]> = { ...FLAGS, '--allow-empty': ['allow-empty', true] };

/** `argv` as yargs would hand it to the `diff` handler (one range at most, no `--`), or undefined when not plain. */
export function parseDiffArgv(argv: readonly string[]): DiffArgs | undefined {
  if (argv[0] !== 'diff') return undefined;
  const args: DiffArgs = { format: 'human', 'show-secrets': false, color: true, quiet: false, 'allow-empty': false };
  const plain = readOptions(argv, args, DIFF_FLAGS, (token) => {
    if (args.range !== undefined) return false; // yargs refuses a second positional
    args.range = token;
    return true;
  });
  return plain ? args : undefined;
}
