// Where one scan's reports go: the console report in `--format`, and any
// number of files (`--output FORMAT=FILE`, repeatable; a plain `--output FILE`
// sends the `--format` report there instead of the console). CI wants several
// at once (annotations in the log and SARIF for code scanning) from a single
// scan. Everything is checked before the scan starts, so a typo costs nothing.
import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { reporters } from './formats/index.js';
import { checkReportTarget } from './report-file.js';
import { didYouMean } from '../util/suggest.js';

/** A mistake on the command line (the CLI turns it into a usage error, exit 2). */
export class OutputSpecError extends Error {}

export interface ReportOutput {
  /** A reporter name, lower case. */
  format: string;
  /** Absolute path of the file; undefined for standard output. */
  file?: string;
  /** The file as the user wrote it, for messages. */
  shown?: string;
}

/** `sarif=…`: a format name before the first `=`; anything else is a plain path (`./a=b.txt` keeps an `=` in a path). */
const FORMAT_PREFIX = /^([A-Za-z][A-Za-z0-9_-]*)=/;

function formatNamed(name: string, where: string): string {
  const format = name.toLowerCase();
  if (!Object.hasOwn(reporters, format))
    throw new OutputSpecError(
      `unknown format: ${name}${where}${didYouMean(format, Object.keys(reporters))} (formats: ${Object.keys(reporters).join(', ')})`,
    );
  return format;
}

/**
 * The reports one run writes, in order: the console report first (unless a
 * plain `--output FILE` took it), then each `--output` file. Throws
 * OutputSpecError for an unknown format, a file named twice or two plain
 * files, ReportWriteError for a file that cannot be written, and
 * UnsafeWriteError for one inside the repository (`root`, asked only when
 * there are files) that a symlinked directory would send outside it.
 */
export function planReports(
  format: string | string[],
  output: string | string[] | undefined,
  cwd: string,
  root: () => string | undefined = () => undefined,
): ReportOutput[] {
  // yargs makes a repeated --format a list; which one was meant is a guess, so none is.
  if (Array.isArray(format))
    throw new OutputSpecError(
      `--format given ${format.length} times (${format.join(', ')}): give one, and --output FORMAT=FILE for other reports`,
    );
  const consoleFormat = formatNamed(String(format), '');
  const specs = output === undefined ? [] : Array.isArray(output) ? output : [output];
  const files: ReportOutput[] = [];
  let plain: ReportOutput | undefined;
  for (const spec of specs.map(String)) {
    const prefix = FORMAT_PREFIX.exec(spec);
    const shown = prefix ? spec.slice(prefix[0].length) : spec;
    if (!shown) throw new OutputSpecError(`--output ${spec} names no file`);
    const target: ReportOutput = {
      format: prefix ? formatNamed(prefix[1]!, ` in --output ${spec}`) : consoleFormat,
      file: resolve(cwd, shown),
      shown,
    };
    if (!prefix) {
      if (plain)
        throw new OutputSpecError(
          `--output names two files for the ${consoleFormat} report (${plain.shown}, ${shown}): give FORMAT=FILE for each further report, e.g. --output sarif=${shown}`,
        );
      plain = target;
    }
    const twice = files.find((f) => f.file === target.file);
    if (twice) throw new OutputSpecError(`--output names ${shown} twice (${twice.format} and ${target.format})`);
    files.push(target);
  }
  const repo = files.length ? root() : undefined;
  for (const f of files) checkReportTarget(f.file!, f.shown, repo);
  return plain ? files : [{ format: consoleFormat }, ...files];
}

/**
 * The job summary file to append to, if any: GitHub Actions names it in
 * GITHUB_STEP_SUMMARY. Written with --step-summary, or by default when the run
 * writes the `github` format (the annotations it completes); --no-step-summary
 * turns it off.
 */
export function stepSummaryFile(
  flag: boolean | undefined,
  outputs: ReportOutput[],
  env: NodeJS.ProcessEnv,
): string | undefined {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file || flag === false) return undefined;
  return flag || outputs.some((o) => o.format === 'github') ? file : undefined;
}

/** Append (the file is the runner's, shared by the step's other writers), creating it 0600 if missing. */
export function appendStepSummary(file: string, text: string): void {
  appendFileSync(file, text.endsWith('\n') ? text : `${text}\n`, { mode: 0o600 });
}
