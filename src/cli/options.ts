// The options every scanning command takes, in one table that both parsers
// read: yargs (help, every spelling) and the fast path of the pre-commit and
// CI command lines (fast-argv.ts), so the two cannot drift.
import type { Argv } from 'yargs';
import { DEFAULT_MAX_FILE_SIZE } from '../scan/scanner.js';
import { BASELINE_FILE } from '../suppress/baseline.js';
import { reporters } from '../report/formats/index.js';
import { UsageError } from './io.js';

export interface CommonArgs {
  format: string;
  'show-secrets': boolean;
  color: boolean;
  quiet: boolean;
  config?: string;
  'max-file-size'?: number;
  /** Report files: `FORMAT=FILE` (repeatable), or one plain FILE for the --format report. */
  output?: string | string[];
  /** The GitHub Actions job summary: on, off, or (undefined) on when the github format is written. */
  'step-summary'?: boolean;
  /** A baseline file, or false (--no-baseline) to ignore the repository's own. */
  baseline?: string | boolean;
  /** --verify / --no-verify; undefined leaves it to the configuration. */
  verify?: boolean;
}

/** A mistyped size would otherwise skip every file and pass the scan. */
export function positiveSize(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isFinite(value) || value <= 0) throw new UsageError('--max-file-size takes a positive number of bytes');
  return value;
}

export function common<T>(y: Argv<T>) {
  return y
    .option('format', { alias: 'f', type: 'string', default: 'human', describe: `report format (${Object.keys(reporters).join(', ')})` })
    .option('show-secrets', { type: 'boolean', default: false, describe: 'print raw secret values instead of redacted previews' })
    .option('color', { type: 'boolean', default: true, describe: 'colour the human report (--no-color, or NO_COLOR, turns it off)' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'nothing on a clean run; otherwise one line per finding and the summary, no advice' })
    .option('config', { alias: 'c', type: 'string', describe: 'configuration file (default: leaklint.config.json at the repository root)' })
    .option('max-file-size', { type: 'number', coerce: positiveSize, describe: `skip files larger than this many bytes (default ${DEFAULT_MAX_FILE_SIZE})` })
    .option('output', { alias: 'o', type: 'string', describe: 'FORMAT=FILE: also write a report in FORMAT to FILE (mode 0600; repeatable); a plain FILE takes the --format report instead of stdout' })
    .option('step-summary', { type: 'boolean', describe: 'append a table of every finding to the GitHub Actions job summary ($GITHUB_STEP_SUMMARY; default: when the github format is written)' })
    .option('baseline', { type: 'string', describe: `accepted findings (default: ${BASELINE_FILE} at the repository root when present; --no-baseline ignores it)` })
    .option('verify', { type: 'boolean', describe: 'ask each credential\'s provider whether it is live (one read-only request per credential to the provider\'s official endpoint; --no-verify overrides the config)' });
}

