// Commands → source → scan → report. Returns the exit code; never exits.
import type { Argv } from 'yargs';
import type { Finding, Moment, Rule, ScanResult } from './types.js';
import { Engine } from './engine.js';
import { Scanner, DEFAULT_MAX_FILE_SIZE } from './scan.js';
import type { SourceItem } from './scan.js';
import { ConfigError, compileConfig, loadConfig } from './config.js';
import { loadRules, recipeOf, rulesFor } from './rule-set.js';
import { BASELINE_FILE, BaselineMatcher, baselinePath, readBaseline } from './baseline.js';
import type { BaselineEntry } from './baseline.js';
import type { Config } from './config.js';
import { GitError, repoRoot } from './git.js';
import { ReportWriteError, writeReportFile } from './report-file.js';
import { OutputSpecError, appendStepSummary, planReports, stepSummaryFile } from './report-outputs.js';
import type { ReportOutput } from './report-outputs.js';
import { stepSummaryReporter } from './reporters/step-summary.js';
import { UnsafeWriteError } from './safe-write.js';
import { scrubSecrets } from './scrub.js';
import { fingerprintKeyId, keyedFingerprint } from './redact.js';
import { escapeText } from './safe-text.js';
import { reporters } from './reporters/index.js';
import type { ReportContext } from './reporters/types.js';
import { parseDiffArgv, parseStagedArgv } from './fast-argv.js';
import type { PrestartedStaged } from './staged-prestart.js';
import { leaklintVersion } from './version.js';
import { pace, yieldToEventLoop } from './pace.js';

export { loadRules, rulesFor };

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
/** The scan ran but read less than it was asked (missing or damaged objects, unreadable files) and found no error. */
export const EXIT_INCOMPLETE = 3;

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The staged scan's git processes, when the launcher started them before loading the CLI. */
  prestarted?: PrestartedStaged;
}

export class UsageError extends Error {}

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

const EPILOG = `Exit codes:
  0  no finding at error severity, and everything asked was read
  1  findings at error severity (even when the scan is incomplete)
  2  usage error, bad configuration, git error or internal error
  3  incomplete: no finding at error severity, but the scan read less than
     asked (objects missing from a partial clone or damaged, unreadable files)`;


function useColor(args: CommonArgs, io: Io): boolean {
  // NO_COLOR counts when set to anything but the empty string (no-color.org).
  if (!args.color || io.env.NO_COLOR) return false;
  if ('FORCE_COLOR' in io.env && io.env.FORCE_COLOR !== '0') return true;
  return Boolean(io.stdout.isTTY);
}

/** Where this run's reports go, every format and file checked: call it before scanning. */
export function reportOutputs(args: CommonArgs, io: Io): ReportOutput[] {
  try {
    return planReports(args.format, args.output, io.cwd, () => repoRoot(io.cwd));
  } catch (e) {
    if (e instanceof OutputSpecError) throw new UsageError(e.message);
    throw e;
  }
}

/**
 * The rule set, engine and scanner a scan command needs, configured. Findings
 * carry the fingerprint keyed with the baseline's key when the baseline has
 * one (`fingerprintKey` names a key for a scan without a baseline).
 */
export async function prepareScan(moment: Moment, args: CommonArgs, config: Config, root?: string, fingerprintKey?: string) {
  // Allowlist patterns that run out of time say so in the report's warnings.
  const compiled = compileConfig(config, (w) => scanner.stats.warnings.push(w));
  const rules = (await rulesFor(config)).filter((r) => !compiled.isDisabled(r.id));
  const engine = new Engine(rules, recipeOf(rules, config));
  const maxFileSize = args['max-file-size'] ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const baselineFile = root ? baselinePath(args.baseline, root) : undefined;
  const accepted = baselineFile ? readBaseline(baselineFile, root) : undefined;
  const baseline = accepted ? new BaselineMatcher(accepted.entries) : undefined;
  const key = fingerprintKey ?? accepted?.key;
  const accept = (f: Finding) => compiled.accept(f) ?? baseline?.accept(f);
  const fingerprint = key ? (f: Finding) => keyedFingerprint(key, f.fingerprint) : undefined;
  const scanner = new Scanner(engine, { moment, maxFileSize, accept, adjust: compiled.adjust, isIgnored: compiled.isIgnored, ...(fingerprint ? { fingerprint, fingerprintKeyId: fingerprintKeyId(key!) } : {}) });
  return { rules, engine, scanner, maxFileSize, compiled, baseline };
}

/**
 * Say which baseline entries have expired (their findings are reported again)
 * and, after a scan of everything, which no longer match anything among the
 * entries that scan `covers` (a working-tree scan cannot tell a history entry is stale).
 */
export function noteStaleBaseline(result: ScanResult, baseline: BaselineMatcher | undefined, covers: ((e: BaselineEntry) => boolean) | false = () => true): void {
  const expired = baseline?.expired() ?? [];
  if (expired.length) {
    const list = expired.slice(0, 10).map((e) => `${e.path} (${e.rule}, expired ${e.expires})`).join(', ');
    result.stats.warnings.push(`${expired.length} baseline entr${expired.length === 1 ? 'y has' : 'ies have'} expired, so ${expired.length === 1 ? 'its finding is' : 'their findings are'} reported again: ${list}${expired.length > 10 ? ', …' : ''}`);
  }
  const stale = covers ? (baseline?.stale(covers) ?? []) : [];
  if (stale.length === 0) return;
  const list = stale.slice(0, 10).map((e) => `${e.path} (${e.rule})`).join(', ');
  result.stats.warnings.push(`${stale.length} baseline entr${stale.length === 1 ? 'y is' : 'ies are'} stale (the secret was removed, moved or changed): ${list}${stale.length > 10 ? ', …' : ''}; \`leaklint baseline --prune\` drops them`);
}

/** Render the result in every requested format (and the job summary) and turn it into the exit code. */
export async function finishScan(result: ScanResult, rules: Rule[], args: CommonArgs, io: Io): Promise<number> {
  const outputs = reportOutputs(args, io);
  const ctx: ReportContext = {
    result,
    rules: new Map(rules.map((r) => [r.id, r])),
    showSecrets: args['show-secrets'],
    color: false,
    quiet: args.quiet,
  };
  // Every report is rendered before any is written, with a turn of the event loop between: a signal that
  // came meanwhile is handled there, so an interrupted run writes no report.
  const texts = outputs.map((out) => reporters[out.format]!(out.file ? ctx : { ...ctx, color: useColor(args, io) }));
  await yieldToEventLoop();
  // A file inside the repository must not leave it through a symlinked directory.
  const root = outputs.some((o) => o.file) ? repoRoot(io.cwd) : undefined;
  outputs.forEach((out, i) => {
    if (out.file) writeReportFile(out.file, texts[i]!, root);
    else io.stdout.write(texts[i]!);
  });
  const summary = stepSummaryFile(args['step-summary'], outputs, io.env);
  if (summary) {
    try {
      appendStepSummary(summary, stepSummaryReporter({ ...ctx, showSecrets: false }));
    } catch (e) {
      // The findings are reported above and decide the exit code; the summary only repeats them.
      io.stderr.write(`leaklint: warning: cannot append the job summary to ${summary}: ${(e as Error).message}\n`);
    }
  }
  return exitCodeOf(result);
}

/**
 * A finding at error severity wins (it needs action whatever else the scan
 * missed, and the report says the scan was incomplete); a scan that read less
 * than asked is never a plain 0.
 */
export function exitCodeOf(result: ScanResult): number {
  if (result.findings.some((f) => f.severity === 'error')) return EXIT_FINDINGS;
  return result.stats.unread > 0 ? EXIT_INCOMPLETE : EXIT_CLEAN;
}

/**
 * Live verification, when `--verify` or the configuration asks (a command
 * whose runs must stay offline unless told, `staged`, passes
 * `fromConfig: false`). Loaded only then: most runs never verify.
 */
export async function verifyIfAsked(result: ScanResult, args: CommonArgs, io: Io, config: Config, fromConfig = true): Promise<void> {
  if (!(args.verify ?? (fromConfig && config.verify?.enabled === true))) return;
  const { VerifySetupError, verifyResult } = await import('./verify.js');
  try {
    await verifyResult(result, { env: io.env, invalidSeverity: config.verify?.invalidSeverity, note: (line) => io.stderr.write(`leaklint: ${line}\n`) });
  } catch (e) {
    if (e instanceof VerifySetupError) throw new UsageError(e.message);
    throw e;
  }
}

export async function runScan(items: AsyncIterable<SourceItem>, moment: Moment, args: CommonArgs, io: Io, config: Config, opts: { fullScan?: boolean; root?: string; verifyFromConfig?: boolean } = {}): Promise<number> {
  reportOutputs(args, io);
  const { rules, scanner, baseline } = await prepareScan(moment, args, config, opts.root ?? repoRoot(io.cwd) ?? io.cwd);
  for await (const item of items) {
    scanner.add(item);
    // Sources that read synchronously yield item after item through microtasks only: let a signal in.
    await pace();
  }
  const result = scanner.result();
  // Only a scan of everything can tell that a baseline entry matches nothing any more.
  noteStaleBaseline(result, baseline, opts.fullScan ? (e) => e.source === undefined : false);
  await verifyIfAsked(result, args, io, config, opts.verifyFromConfig ?? true);
  return finishScan(result, rules, args, io);
}

export function configFor(args: CommonArgs, io: Io): Config {
  return loadConfig(repoRoot(io.cwd) ?? io.cwd, args.config);
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
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'one line per finding, no remediation text' })
    .option('config', { alias: 'c', type: 'string', describe: 'configuration file (default: leaklint.config.json at the repository root)' })
    .option('max-file-size', { type: 'number', coerce: positiveSize, describe: `skip files larger than this many bytes (default ${DEFAULT_MAX_FILE_SIZE})` })
    .option('output', { alias: 'o', type: 'string', describe: 'FORMAT=FILE: also write a report in FORMAT to FILE (mode 0600; repeatable); a plain FILE takes the --format report instead of stdout' })
    .option('step-summary', { type: 'boolean', describe: 'append a table of every finding to the GitHub Actions job summary ($GITHUB_STEP_SUMMARY; default: when the github format is written)' })
    .option('baseline', { type: 'string', describe: `accepted findings (default: ${BASELINE_FILE} at the repository root when present; --no-baseline ignores it)` })
    .option('verify', { type: 'boolean', describe: 'ask each credential\'s provider whether it is live (one read-only request per credential to the provider\'s official endpoint; --no-verify overrides the config)' });
}

export async function main(argv: string[], partialIo: Partial<Io> = {}): Promise<number> {
  const io: Io = {
    stdout: process.stdout,
    stderr: process.stderr,
    // Opening standard input costs a millisecond or more, and only `stdin` reads it.
    get stdin() {
      return process.stdin;
    },
    cwd: process.cwd(),
    env: process.env,
    ...partialIo,
  };
  const state: { failure?: string } = {};
  try {
    // A bare `--version` (what scripts and bug reports run) needs nothing else loaded; other spellings go through yargs.
    if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
      io.stdout.write(`${leaklintVersion()}\n`);
      return EXIT_CLEAN;
    }
    // The pre-commit hook's and CI's usual command lines skip yargs and the other commands' modules.
    const staged = parseStagedArgv(argv);
    if (staged) {
      reportOutputs(staged, io);
      const { stagedCommand } = await import('./commands/staged.js');
      return await stagedCommand.run(staged, io);
    }
    const diff = parseDiffArgv(argv);
    if (diff) {
      reportOutputs(diff, io);
      const { diffCommand } = await import('./commands/diff.js');
      return await diffCommand.run(diff, io);
    }
    return await parseAndRun(argv, io, state);
  } catch (e) {
    // Whatever failed, the message may quote scanned text: never print a secret in it.
    const known = e instanceof UsageError || e instanceof ConfigError || e instanceof GitError || e instanceof ReportWriteError || e instanceof UnsafeWriteError;
    const msg = known ? (e as Error).message : (state.failure ?? (e as Error)?.message ?? String(e));
    // …nor a control character or a workflow command from a name it quotes (line by line: some messages have two).
    const lines = scrubSecrets(msg, await loadRules()).split('\n').map(escapeText);
    io.stderr.write(`leaklint: ${lines.join('\n')}\n`);
    return EXIT_USAGE;
  }
}

/** Every command and spelling through yargs: help, usage errors, then the command's handler. */
async function parseAndRun(argv: string[], io: Io, state: { failure?: string }): Promise<number> {
  const [{ default: yargs }, { commands }] = await Promise.all([import('yargs'), import('./commands/index.js')]);
  let code: number = EXIT_CLEAN;
  const run = (fn: (args: CommonArgs & Record<string, unknown>) => Promise<number>) => async (args: unknown) => {
    const a = args as CommonArgs & Record<string, unknown>;
    // Paths after `--` (a file named `-n.py`) are paths, not options.
    const rest = (a['--'] as string[] | undefined) ?? [];
    if (rest.length) a.paths = [...((a.paths as string[] | undefined) ?? []), ...rest.map(String)];
    // Every command built on common() writes a report: a mistyped format or an unwritable file stops it before it reads anything.
    if ('show-secrets' in a) reportOutputs(a, io);
    code = await fn(a);
  };

  const parser = yargs(argv)
    .scriptName('leaklint')
    .parserConfiguration({ 'populate--': true })
    .usage('$0 [command] [options]\n\nFinds credentials before they are committed, pushed or published.\nWith no command, runs an audit of the current repository.')
    .command(commands.map((c) => ({ ...c, handler: run((args) => c.run(args, io)) })))
    .strict()
    .epilog(EPILOG)
    .help()
    .version('version', 'print the version and exit', leaklintVersion())
    .alias('version', 'v')
    .wrap(null)
    .exitProcess(false)
    .fail((msg, err) => {
      state.failure = msg ?? err?.message ?? 'invalid arguments';
      // Without a throw yargs goes on to run the command after a bad flag.
      if (!err) throw new UsageError(`${state.failure}\nRun 'leaklint --help' for usage.`);
    });

  let helpShown = false;
  parser.showHelpOnFail(false);
  await parser.parseAsync(argv, {}, (err, _argv, output) => {
    if (output && !err) {
      io.stdout.write(output + '\n');
      helpShown = true;
    } else if (err && !state.failure) state.failure = err.message;
  });
  if (state.failure) {
    io.stderr.write(`leaklint: ${state.failure}\nRun 'leaklint --help' for usage.\n`);
    return EXIT_USAGE;
  }
  if (helpShown) return EXIT_CLEAN;
  return code;
}
