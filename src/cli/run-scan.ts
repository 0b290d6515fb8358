// A scan from start to exit code, below every command: configure the rules,
// engine and scanner, run a source through them, verify when asked, render
// every requested report and turn the result into the exit code.
import type { Finding, Moment, Rule, ScanResult } from '../types.js';
import { Engine } from '../scan/engine.js';
import { Scanner, DEFAULT_MAX_FILE_SIZE } from '../scan/scanner.js';
import type { SourceItem } from '../scan/scanner.js';
import { compileConfig, loadConfig } from '../config/config.js';
import type { Config } from '../config/config.js';
import { recipeOf, rulesFor } from '../scan/rule-set.js';
import { BaselineMatcher, baselinePath, readBaseline } from '../suppress/baseline.js';
import type { BaselineEntry } from '../suppress/baseline.js';
import { repoRoot } from '../git/git.js';
import { writeReportFile } from '../report/report-file.js';
import { OutputSpecError, appendStepSummary, planReports, stepSummaryFile } from '../report/outputs.js';
import type { ReportOutput } from '../report/outputs.js';
import { stepSummaryReporter } from '../report/formats/step-summary.js';
import { fingerprintKeyId, keyedFingerprint } from '../report/redact.js';
import { reporters } from '../report/formats/index.js';
import type { ReportContext } from '../report/formats/types.js';
import { pace, yieldToEventLoop } from '../util/pace.js';
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_INCOMPLETE, UsageError, useColor } from './io.js';
import type { Io } from './io.js';
import type { CommonArgs } from './options.js';

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
export async function prepareScan(
  moment: Moment,
  args: CommonArgs,
  config: Config,
  root?: string,
  fingerprintKey?: string,
) {
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
  const scanner = new Scanner(engine, {
    moment,
    maxFileSize,
    accept,
    adjust: compiled.adjust,
    isIgnored: compiled.isIgnored,
    ...(fingerprint ? { fingerprint, fingerprintKeyId: fingerprintKeyId(key!) } : {}),
  });
  return { rules, engine, scanner, maxFileSize, compiled, baseline };
}

/**
 * Say which baseline entries have expired (their findings are reported again)
 * and, after a scan of everything, which no longer match anything among the
 * entries that scan `covers` (a working-tree scan cannot tell a history entry is stale).
 */
export function noteStaleBaseline(
  result: ScanResult,
  baseline: BaselineMatcher | undefined,
  covers: ((e: BaselineEntry) => boolean) | false = () => true,
): void {
  const expired = baseline?.expired() ?? [];
  if (expired.length) {
    const list = expired
      .slice(0, 10)
      .map((e) => `${e.path} (${e.rule}, expired ${e.expires})`)
      .join(', ');
    result.stats.warnings.push(
      `${expired.length} baseline entr${expired.length === 1 ? 'y has' : 'ies have'} expired, so ${expired.length === 1 ? 'its finding is' : 'their findings are'} reported again: ${list}${expired.length > 10 ? ', …' : ''}`,
    );
  }
  const stale = covers ? (baseline?.stale(covers) ?? []) : [];
  if (stale.length === 0) return;
  const list = stale
    .slice(0, 10)
    .map((e) => `${e.path} (${e.rule})`)
    .join(', ');
  result.stats.warnings.push(
    `${stale.length} baseline entr${stale.length === 1 ? 'y is' : 'ies are'} stale (the secret was removed, moved or changed): ${list}${stale.length > 10 ? ', …' : ''}; \`leaklint baseline --prune\` drops them`,
  );
}

/** Render the result in every requested format (and the job summary) and turn it into the exit code. `subject`: what the scan looked at, when not files. */
export async function finishScan(
  result: ScanResult,
  rules: Rule[],
  args: CommonArgs,
  io: Io,
  subject?: string,
): Promise<number> {
  const outputs = reportOutputs(args, io);
  const ctx: ReportContext = {
    result,
    rules: new Map(rules.map((r) => [r.id, r])),
    showSecrets: args['show-secrets'],
    color: false,
    quiet: args.quiet,
    ...(subject ? { subject } : {}),
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
export async function verifyIfAsked(
  result: ScanResult,
  args: CommonArgs,
  io: Io,
  config: Config,
  fromConfig = true,
): Promise<void> {
  if (!(args.verify ?? (fromConfig && config.verify?.enabled === true))) return;
  const { VerifySetupError, verifyResult } = await import('../verify/verify.js');
  try {
    await verifyResult(result, {
      env: io.env,
      invalidSeverity: config.verify?.invalidSeverity,
      note: (line) => io.stderr.write(`leaklint: ${line}\n`),
    });
  } catch (e) {
    if (e instanceof VerifySetupError) throw new UsageError(e.message);
    throw e;
  }
}

export async function runScan(
  items: AsyncIterable<SourceItem>,
  moment: Moment,
  args: CommonArgs,
  io: Io,
  config: Config,
  opts: { fullScan?: boolean; root?: string; verifyFromConfig?: boolean; subject?: string } = {},
): Promise<number> {
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
  return finishScan(result, rules, args, io, opts.subject);
}

export function configFor(args: CommonArgs, io: Io): Config {
  return loadConfig(repoRoot(io.cwd) ?? io.cwd, args.config);
}
