// Commands → source → scan → report. Returns the exit code; never exits.
import type { Argv } from 'yargs';
import type { Finding, Moment, Rule, ScanResult } from './types.js';
import { Engine } from './engine.js';
import { Scanner, DEFAULT_MAX_FILE_SIZE } from './scan.js';
import type { SourceItem } from './scan.js';
import { ConfigError, compileConfig, loadConfig } from './config.js';
import { loadRules, recipeOf, rulesFor } from './rule-set.js';
import { BASELINE_FILE, BaselineMatcher, baselinePath, readBaseline } from './baseline.js';
import type { Config } from './config.js';
import { GitError, repoRoot } from './git.js';
import { ReportWriteError, writeReportFile } from './report-file.js';
import { scrubSecrets } from './scrub.js';
import { reporters } from './reporters/index.js';
import type { ReportContext } from './reporters/types.js';
import { parseDiffArgv, parseStagedArgv } from './fast-argv.js';
import type { PrestartedStaged } from './staged-prestart.js';
import { pace, yieldToEventLoop } from './pace.js';

export { loadRules, rulesFor };

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

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
  output?: string;
  /** A baseline file, or false (--no-baseline) to ignore the repository's own. */
  baseline?: string | boolean;
}

const EPILOG = `Exit codes:
  0  no finding at error severity
  1  findings at error severity
  2  usage error, bad configuration or internal error`;


function useColor(args: CommonArgs, io: Io): boolean {
  // NO_COLOR counts when set to anything but the empty string (no-color.org).
  if (!args.color || io.env.NO_COLOR) return false;
  if ('FORCE_COLOR' in io.env && io.env.FORCE_COLOR !== '0') return true;
  return Boolean(io.stdout.isTTY);
}

function writeReport(text: string, args: CommonArgs, io: Io): void {
  if (!args.output) {
    io.stdout.write(text);
    return;
  }
  writeReportFile(args.output, text);
}

/** The rule set, engine and scanner a scan command needs, configured. */
export async function prepareScan(moment: Moment, args: CommonArgs, config: Config, root?: string) {
  // Allowlist patterns that run out of time say so in the report's warnings.
  const compiled = compileConfig(config, (w) => scanner.stats.warnings.push(w));
  const rules = (await rulesFor(config)).filter((r) => !compiled.isDisabled(r.id));
  const engine = new Engine(rules, recipeOf(rules, config));
  const maxFileSize = args['max-file-size'] ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const baselineFile = root ? baselinePath(args.baseline, root) : undefined;
  const baseline = baselineFile ? new BaselineMatcher(readBaseline(baselineFile)) : undefined;
  const accept = (f: Finding) => compiled.accept(f) ?? baseline?.accept(f);
  const scanner = new Scanner(engine, { moment, maxFileSize, accept, adjust: compiled.adjust, isIgnored: compiled.isIgnored });
  return { rules, engine, scanner, maxFileSize, compiled, baseline };
}

/**
 * Say which baseline entries have expired (their findings are reported again)
 * and, after a scan of everything, which no longer match anything.
 */
export function noteStaleBaseline(result: ScanResult, baseline: BaselineMatcher | undefined, fullScan = true): void {
  const expired = baseline?.expired() ?? [];
  if (expired.length) {
    const list = expired.slice(0, 10).map((e) => `${e.path} (${e.rule}, expired ${e.expires})`).join(', ');
    result.stats.warnings.push(`${expired.length} baseline entr${expired.length === 1 ? 'y has' : 'ies have'} expired, so ${expired.length === 1 ? 'its finding is' : 'their findings are'} reported again: ${list}${expired.length > 10 ? ', …' : ''}`);
  }
  const stale = fullScan ? (baseline?.stale() ?? []) : [];
  if (stale.length === 0) return;
  const list = stale.slice(0, 10).map((e) => `${e.path} (${e.rule})`).join(', ');
  result.stats.warnings.push(`${stale.length} baseline entr${stale.length === 1 ? 'y is' : 'ies are'} stale (the secret was removed, moved or changed): ${list}${stale.length > 10 ? ', …' : ''}; \`leaklint baseline --prune\` drops them`);
}

/** Render the result with the chosen reporter and turn it into the exit code. */
export async function finishScan(result: ScanResult, rules: Rule[], args: CommonArgs, io: Io): Promise<number> {
  const reporter = reporters[args.format];
  if (!reporter) throw new UsageError(`unknown format: ${args.format}`);
  const ctx: ReportContext = {
    result,
    rules: new Map(rules.map((r) => [r.id, r])),
    showSecrets: args['show-secrets'],
    color: args.output ? false : useColor(args, io),
    quiet: args.quiet,
  };
  const text = reporter(ctx);
  // A signal that came while the report was rendered is handled here, before anything is written:
  // an interrupted run writes no report.
  await yieldToEventLoop();
  writeReport(text, args, io);
  return result.findings.some((f) => f.severity === 'error') ? EXIT_FINDINGS : EXIT_CLEAN;
}

export async function runScan(items: AsyncIterable<SourceItem>, moment: Moment, args: CommonArgs, io: Io, config: Config, opts: { fullScan?: boolean; root?: string } = {}): Promise<number> {
  if (!reporters[args.format]) throw new UsageError(`unknown format: ${args.format}`);
  const { rules, scanner, baseline } = await prepareScan(moment, args, config, opts.root ?? repoRoot(io.cwd) ?? io.cwd);
  for await (const item of items) {
    scanner.add(item);
    // Sources that read synchronously yield item after item through microtasks only: let a signal in.
    await pace();
  }
  const result = scanner.result();
  // Only a scan of everything can tell that a baseline entry matches nothing any more.
  noteStaleBaseline(result, baseline, Boolean(opts.fullScan));
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
    .option('output', { alias: 'o', type: 'string', describe: 'write the report to this file (mode 0600) instead of stdout' })
    .option('baseline', { type: 'string', describe: `accepted findings (default: ${BASELINE_FILE} at the repository root when present; --no-baseline ignores it)` });
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
    // The pre-commit hook's and CI's usual command lines skip yargs and the other commands' modules.
    const staged = parseStagedArgv(argv);
    if (staged) {
      const { stagedCommand } = await import('./commands/staged.js');
      return await stagedCommand.run(staged, io);
    }
    const diff = parseDiffArgv(argv);
    if (diff) {
      const { diffCommand } = await import('./commands/diff.js');
      return await diffCommand.run(diff, io);
    }
    return await parseAndRun(argv, io, state);
  } catch (e) {
    // Whatever failed, the message may quote scanned text: never print a secret in it.
    const known = e instanceof UsageError || e instanceof ConfigError || e instanceof GitError || e instanceof ReportWriteError;
    const msg = known ? (e as Error).message : (state.failure ?? (e as Error)?.message ?? String(e));
    io.stderr.write(`leaklint: ${scrubSecrets(msg, await loadRules())}\n`);
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
    .version(false)
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
