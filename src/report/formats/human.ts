import pc from 'picocolors';
import type { Reporter } from './types.js';
import { shownSecret } from './types.js';
import { groupRemediation } from '../remediation.js';
import type { Finding, HistoryInfo, Moment, Rule, Severity } from '../../types.js';
import { formatBytes } from '../../scan/scanner.js';
import { escapeStrings, escapeText } from '../safe-text.js';
import { verificationSummary, verificationWord } from './verification.js';

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function historyLine(h: HistoryInfo): string {
  const parts = [
    `first added in ${h.firstCommit.sha.slice(0, 12)} on ${h.firstCommit.date.slice(0, 10)}`,
    `${h.commits} commit${h.commits === 1 ? '' : 's'}`,
    `path${h.paths.length === 1 ? '' : 's'}: ${h.paths.join(', ')}`,
    h.inHead ? 'still in HEAD' : 'history only (not in HEAD)',
  ];
  if (h.refs.length)
    parts.push(`reachable from ${h.refs.slice(0, 5).join(', ')}${h.refCount > 5 ? ` and ${h.refCount - 5} more` : ''}`);
  return parts.join(' · ');
}

/** The closing block of an audit: what to do before the repository goes public, in order. */
function auditSummary(findings: Finding[]): string[] {
  if (findings.length === 0) return [];
  const secrets = findings.filter((f) => f.kind === 'content');
  const byProvider = groupBy(secrets, (f) => f.provider);
  const inHead = secrets.filter((f) => !f.history || f.history.inHead).length;
  // A credential file HEAD no longer holds is only purged (step 2): there is nothing to remove now.
  const files = [
    ...new Set(findings.filter((f) => f.kind === 'path' && f.history?.inHead !== false).map((f) => f.file)),
  ];
  const repo = findings.filter((f) => f.kind === 'repo');
  const out = ['Before going public:'];
  if (secrets.length) {
    out.push(
      `  secrets: ${secrets.length} (${[...byProvider].map(([p, l]) => `${p} ${l.length}`).join(', ')}); ${inHead} still in HEAD, ${secrets.length - inHead} only in history`,
    );
    out.push(`  1. rotate first (they are exposed to anyone with a clone): ${[...byProvider.keys()].join(', ')}`);
    out.push(
      '  2. then purge them from every ref (git filter-repo --replace-text), force-push, and have collaborators re-clone; forks and pull-request refs keep the old objects',
    );
  }
  if (files.length) out.push(`  files to remove from the repository: ${files.join(', ')}`);
  for (const f of repo) out.push(`  ${f.file}: ${f.message}`);
  return [...out, ''];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

interface Advice {
  ruleId: string;
  rule: Rule | undefined;
  findings: Finding[];
  steps: string[];
}

/**
 * Each rule's advice once for the whole report, errors first: fifty findings
 * of one rule are fifty compact lines and one block of steps naming their
 * files. Before a commit, a file a path rule unstages whole is not also
 * given a content rule's "edit the file" step.
 */
function adviceOf(findings: Finding[], rules: Map<string, Rule>, moment: Moment): Advice[] {
  const removedFiles =
    moment === 'precommit' ? new Set(findings.filter((f) => f.kind === 'path').map((f) => f.file)) : undefined;
  const groups = [...groupBy(findings, (f) => f.ruleId)].map(([ruleId, same]) => {
    const rule = rules.get(ruleId);
    return {
      ruleId,
      rule,
      findings: same,
      steps: groupRemediation(rule, same, moment, removedFiles ? { removedFiles } : {}),
    };
  });
  const worst = (a: Advice) => Math.min(...a.findings.map((f) => SEVERITY_ORDER[f.severity]));
  return groups.sort((a, b) => worst(a) - worst(b));
}

function countOf(findings: Finding[]): string {
  const files = new Set(findings.map((f) => f.file)).size;
  const n = findings.length;
  return `${n} finding${n === 1 ? '' : 's'}${files > 1 ? ` in ${files} files` : ''}`;
}

/** After a blocked commit: what to do when a finding is wrong, and what skipping the check costs. */
const BLOCKED_COMMIT = [
  'The commit was blocked. If a finding is not a secret (a test value, an example):',
  '  - put `leaklint:allow` in a comment on its line (or `leaklint:allow-next-line` on the line before), or',
  '  - accept the current findings: `leaklint baseline`, then commit .leaklint-baseline.json, or',
  '  - accept a whole file: add it to allowlist.paths in leaklint.config.json.',
  'To skip the check once in an emergency: git commit --no-verify. It skips every pre-commit hook, and a real secret',
  'committed that way is in history from then on: remove it before pushing, or rotate it once pushed.',
];

export const humanReporter: Reporter = (ctx) => {
  const c = pc.createColors(ctx.color);
  // Names from the repository (files, authors, refs) and configured rule text: no control characters, no forged lines.
  const result = escapeStrings(ctx.result);
  const s = result.stats;
  // --quiet: a clean, complete scan says nothing at all.
  if (ctx.quiet && result.findings.length === 0 && s.unread === 0 && s.warnings.length === 0) return '';
  const sev = (v: Severity) =>
    v === 'error' ? c.red('error') : v === 'warning' ? c.yellow('warning') : c.blue('info');
  const lines: string[] = [];
  // One line per finding, `file:line:column` first (what editors and terminals open), in file order.
  for (const [file, findings] of groupBy(result.findings, (f) => f.file)) {
    for (const f of findings) {
      const where =
        f.kind !== 'content'
          ? ''
          : f.cell !== undefined
            ? ` cell ${f.cell} line ${f.line}:${f.column}`
            : `:${f.line}:${f.column}`;
      const commit =
        f.origin.kind === 'commit'
          ? ` ${c.dim(`in ${f.origin.commit.sha.slice(0, 12)} by ${f.origin.commit.author} on ${f.origin.commit.date.slice(0, 10)}`)}`
          : '';
      const value = f.kind !== 'content' ? '' : `  ${c.bold(shownSecret(f, ctx.showSecrets))}`;
      // A verified finding says the provider's answer on its own line's end: a live one is the one to rotate now.
      const verified = !f.verification
        ? ''
        : `  ${f.verification.status === 'live' ? c.red(c.bold('verified live: rotate now')) : c.dim(`verified: ${verificationWord(f)}`)}`;
      lines.push(
        `${c.underline(file)}${where}  ${sev(f.severity)}  ${f.message}${value}  ${c.dim(f.ruleId)}${commit}${verified}`,
      );
      if (f.history) lines.push(`    ${c.dim(historyLine(f.history))}`);
    }
  }
  if (result.findings.length) lines.push('');
  // What the providers said comes first: a live credential is the most urgent thing in the report.
  lines.push(...verificationSummary(result.findings, { live: (t) => c.red(c.bold(t)), dim: c.dim }));
  const advice = ctx.quiet ? [] : adviceOf(result.findings, ctx.rules, result.moment);
  if (advice.length) {
    lines.push(c.bold('What to do:'));
    for (const a of advice) {
      lines.push(`  ${c.bold(a.ruleId)} (${countOf(a.findings)})${a.rule ? `: ${escapeText(a.rule.why)}` : ''}`);
      for (const step of a.steps) lines.push(`    ${c.dim('→')} ${escapeText(step)}`);
    }
    lines.push('');
  }
  if (result.moment === 'audit') lines.push(...auditSummary(result.findings));
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of result.findings) counts[f.severity]++;
  const parts = [
    `${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} (${counts.error} error, ${counts.warning} warning, ${counts.info} info)`,
    `${result.suppressed.length} suppressed`,
    ctx.subject
      ? `checked ${ctx.subject}`
      : `${s.files} file${s.files === 1 ? '' : 's'} scanned (${formatBytes(s.bytes)})`,
  ];
  if (s.skippedBinary) parts.push(`${s.skippedBinary} binary skipped`);
  if (s.skippedLarge) parts.push(`${s.skippedLarge} over the size limit skipped`);
  if (s.unread) parts.push(`${s.unread} could not be read: INCOMPLETE`);
  for (const w of s.warnings) lines.push(c.yellow(`warning: ${w}`));
  const summary = parts.join(', ');
  // An incomplete scan is never shown green, even with nothing found.
  lines.push(counts.error ? c.red(summary) : result.findings.length || s.unread ? c.yellow(summary) : c.green(summary));
  // The audit's closing block already orders the work; elsewhere the summary names the first step.
  const first = advice[0];
  if (first && result.moment !== 'audit' && first.steps[0])
    lines.push(`${c.bold('First:')} ${escapeText(first.steps[0])} (${first.ruleId})`);
  if (!ctx.quiet && result.moment === 'precommit' && counts.error) lines.push('', ...BLOCKED_COMMIT);
  return lines.join('\n') + '\n';
};
