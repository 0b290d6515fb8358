// The options every scanning command takes, in one table that both parsers
// read: yargs (help, every spelling) and the fast path of the pre-commit and
// CI command lines (fast-argv.ts), so the two cannot drift.
import type { Argv } from 'yargs';
import { DEFAULT_MAX_FILE_SIZE } from '../scan/scanner.js';
import { BASELINE_FILE } from '../suppress/baseline.js';
import { reporters } from '../report/formats/index.js';
import { UsageError } from './io.js';
import { COMMON_OPTIONS } from './option-table.js';
import type { CommonOptionName, OptionSpec } from './option-table.js';

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

/** The common options on a yargs command, from the one table; help texts that name defaults get them filled in. */
export function common<T>(y: Argv<T>) {
  const detail: Partial<Record<CommonOptionName, string>> = {
    format: `report format (${Object.keys(reporters).join(', ')})`,
    'max-file-size': `skip files larger than this many bytes (default ${DEFAULT_MAX_FILE_SIZE})`,
    baseline: `accepted findings (default: ${BASELINE_FILE} at the repository root when present; --no-baseline ignores it)`,
  };
  let out = y as Argv<T>;
  for (const [name, spec] of Object.entries(COMMON_OPTIONS) as [CommonOptionName, OptionSpec][]) {
    out = out.option(name, {
      type: spec.type,
      describe: detail[name] ?? spec.describe,
      ...(spec.alias ? { alias: spec.alias } : {}),
      ...(spec.default !== undefined ? { default: spec.default } : {}),
      ...(name === 'max-file-size' ? { coerce: positiveSize } : {}),
    });
  }
  return out;
}
