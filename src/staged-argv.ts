// The pre-commit hook runs `leaklint staged` on every commit, so its start-up
// time is felt every time. Loading yargs costs more than the whole scan of a
// small commit; this reads the plain forms of `staged`'s options without it
// and gives up (returns undefined) on anything else, so that yargs, with its
// help, errors and every spelling it accepts, handles whatever is not plain.
import type { CommonArgs } from './cli.js';

export type StagedArgs = CommonArgs & Record<string, unknown> & { paths: string[] };

/** Options that take a value, by every spelling, under their canonical name. */
const VALUE_OPTIONS: Record<string, 'format' | 'config' | 'output' | 'baseline' | 'max-file-size'> = {
  '--format': 'format',
  '-f': 'format',
  '--config': 'config',
  '-c': 'config',
  '--output': 'output',
  '-o': 'output',
  '--baseline': 'baseline',
  '--max-file-size': 'max-file-size',
};

/** Flags, by spelling: the option they set and the value. */
const FLAGS: Record<string, ['show-secrets' | 'color' | 'quiet' | 'baseline', boolean]> = {
  '--show-secrets': ['show-secrets', true],
  '--color': ['color', true],
  '--no-color': ['color', false],
  '--quiet': ['quiet', true],
  '-q': ['quiet', true],
  '--no-baseline': ['baseline', false],
};

/** A byte count yargs reads as the same plain number (no exponent, hex or leading zero). */
const PLAIN_SIZE = /^[1-9][0-9]{0,14}$/;

/**
 * `argv` as yargs would hand it to the `staged` handler (paths after `--`
 * already appended), or undefined when it holds anything but the plain
 * forms: help, an unknown or repeated option, a value that starts with `-`
 * or is empty, `--flag=value` for a flag, a flag followed by `true`/`false`
 * (yargs would take it as the flag's value).
 */
export function parseStagedArgv(argv: readonly string[]): StagedArgs | undefined {
  if (argv[0] !== 'staged') return undefined;
  const args: StagedArgs = { format: 'human', 'show-secrets': false, color: true, quiet: false, paths: [] };
  const seen = new Set<string>();
  const set = (name: string, value: string | number | boolean): boolean => {
    if (seen.has(name)) return false;
    seen.add(name);
    (args as unknown as Record<string, unknown>)[name] = value;
    return true;
  };
  for (let i = 1; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') {
      args.paths.push(...argv.slice(i + 1));
      break;
    }
    if (!token.startsWith('-')) {
      args.paths.push(token);
      continue;
    }
    const flag = FLAGS[token];
    if (flag) {
      const next = argv[i + 1];
      if (next === 'true' || next === 'false') return undefined;
      if (!set(flag[0], flag[1])) return undefined;
      continue;
    }
    const eq = token.indexOf('=');
    const spelling = eq > 0 && token.startsWith('--') ? token.slice(0, eq) : token;
    const name = VALUE_OPTIONS[spelling];
    if (!name) return undefined;
    const value = eq > 0 && spelling !== token ? token.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '' || value.startsWith('-')) return undefined;
    if (name === 'max-file-size') {
      if (!PLAIN_SIZE.test(value)) return undefined;
      if (!set(name, Number(value))) return undefined;
    } else if (!set(name, value)) return undefined;
  }
  return args;
}
