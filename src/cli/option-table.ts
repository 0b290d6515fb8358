// The options every scanning command takes, as data: yargs builds them from
// this table (options.ts) and the fast path of the pre-commit and CI command
// lines reads the same spellings from it (fast-argv.ts), so the two cannot
// drift. No imports: the launcher bundle reads it before anything else loads.

export interface OptionSpec {
  type: 'string' | 'number' | 'boolean';
  alias?: string;
  default?: string | boolean;
  describe: string;
  /** Given several times, the values make a list (report files). */
  repeatable?: boolean;
  /** A value option that `--no-NAME` turns off (false), as yargs reads it. */
  negatable?: boolean;
}

export const COMMON_OPTIONS = {
  format: { type: 'string', alias: 'f', default: 'human', describe: 'report format' },
  'show-secrets': { type: 'boolean', default: false, describe: 'print raw secret values instead of redacted previews' },
  color: {
    type: 'boolean',
    default: true,
    describe: 'colour the human report (--no-color, or NO_COLOR, turns it off)',
  },
  quiet: {
    type: 'boolean',
    alias: 'q',
    default: false,
    describe: 'nothing on a clean run; otherwise one line per finding and the summary, no advice',
  },
  config: {
    type: 'string',
    alias: 'c',
    describe: 'configuration file (default: leaklint.config.json at the repository root)',
  },
  'max-file-size': { type: 'number', describe: 'skip files larger than this many bytes' },
  output: {
    type: 'string',
    alias: 'o',
    repeatable: true,
    describe:
      'FORMAT=FILE: also write a report in FORMAT to FILE (mode 0600; repeatable); a plain FILE takes the --format report instead of stdout',
  },
  'step-summary': {
    type: 'boolean',
    describe:
      'append a table of every finding to the GitHub Actions job summary ($GITHUB_STEP_SUMMARY; default: when the github format is written)',
  },
  baseline: {
    type: 'string',
    negatable: true,
    describe:
      'accepted findings (default: the baseline file at the repository root when present; --no-baseline ignores it)',
  },
  verify: {
    type: 'boolean',
    describe:
      "ask each credential's provider whether it is live (one read-only request per credential to the provider's official endpoint; --no-verify overrides the config)",
  },
} satisfies Record<string, OptionSpec>;

export type CommonOptionName = keyof typeof COMMON_OPTIONS;
