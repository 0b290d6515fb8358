import pc from 'picocolors';
import type { Reporter } from './types.js';
import { shownSecret } from './types.js';
import { remediationSteps } from '../remediation.js';
import type { Finding, HistoryInfo, Severity } from '../types.js';
import { formatBytes } from '../scan.js';
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
  if (h.refs.length) parts.push(`reachable from ${h.refs.slice(0, 5).join(', ')}${h.refs.length > 5 ? ` and ${h.refs.length - 5} more` : ''}`);
  return parts.join(' · ');
}

/** The closing block of an audit: what to do before the repository goes public, in order. */
function auditSummary(findings: Finding[]): string[] {
  if (findings.length === 0) return [];
  const secrets = findings.filter((f) => f.kind === 'content');
  const byProvider = groupBy(secrets, (f) => f.provider);
  const inHead = secrets.filter((f) => !f.history || f.history.inHead).length;
  const files = [...new Set(findings.filter((f) => f.kind === 'path').map((f) => f.file))];
  const repo = findings.filter((f) => f.kind === 'repo');
  const out = ['Before going public:'];
  if (secrets.length) {
    out.push(`  secrets: ${secrets.length} (${[...byProvider].map(([p, l]) => `${p} ${l.length}`).join(', ')}); ${inHead} still in HEAD, ${secrets.length - inHead} only in history`);
    out.push(`  1. rotate first (they are exposed to anyone with a clone): ${[...byProvider.keys()].join(', ')}`);
    out.push('  2. then purge them from every ref (git filter-repo --replace-text), force-push, and have collaborators re-clone; forks and pull-request refs keep the old objects');
  }
  if (files.length) out.push(`  files to remove from the repository: ${files.join(', ')}`);
  for (const f of repo) out.push(`  ${f.file}: ${f.message}`);
  return [...out, ''];
}

export const humanReporter: Reporter = (ctx) => {
  const c = pc.createColors(ctx.color);
  // Names from the repository (files, authors, refs) and configured rule text: no control characters, no forged lines.
  const result = escapeStrings(ctx.result);
  const sev = (s: Severity) => (s === 'error' ? c.red('error') : s === 'warning' ? c.yellow('warning') : c.blue('info'));
  const lines: string[] = [];
  for (const [file, findings] of groupBy(result.findings, (f) => f.file)) {
    lines.push(c.underline(file));
    for (const f of findings) {
      const where = f.kind !== 'content' ? '' : f.cell !== undefined ? `cell ${f.cell} line ${f.line}:${f.column}` : `${f.line}:${f.column}`;
      const commit = f.origin.kind === 'commit' ? ` ${c.dim(`in ${f.origin.commit.sha.slice(0, 12)} by ${f.origin.commit.author} on ${f.origin.commit.date.slice(0, 10)}`)}` : '';
      const value = f.kind !== 'content' ? '' : `  ${c.bold(shownSecret(f, ctx.showSecrets))}`;
      lines.push(`  ${where ? where + '  ' : ''}${sev(f.severity)}  ${f.message}${value}  ${c.dim(f.ruleId)}${commit}`);
      if (f.history) lines.push(`      ${c.dim(historyLine(f.history))}`);
      if (f.verification) lines.push(`      ${f.verification.status === 'live' ? c.red(c.bold('verified live: rotate now')) : c.dim(`verified: ${verificationWord(f)}`)}`);
    }
    if (!ctx.quiet) {
      // The advice is the same for every finding of one rule in one file: say it once.
      for (const [ruleId, same] of groupBy(findings, (f) => f.ruleId)) {
        const rule = ctx.rules.get(ruleId);
        lines.push(`    ${c.bold(ruleId)}${rule ? `: ${escapeText(rule.why)}` : ''}`);
        for (const step of remediationSteps(rule, same[0]!, result.moment)) lines.push(`      ${c.dim('→')} ${escapeText(step)}`);
      }
    }
    lines.push('');
  }
  // What the providers said comes first: a live credential is the most urgent thing in the report.
  lines.push(...verificationSummary(result.findings, { live: (t) => c.red(c.bold(t)), dim: c.dim }));
  if (result.moment === 'audit') lines.push(...auditSummary(result.findings));
  const s = result.stats;
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of result.findings) counts[f.severity]++;
  const parts = [
    `${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} (${counts.error} error, ${counts.warning} warning, ${counts.info} info)`,
    `${result.suppressed.length} suppressed`,
    `${s.files} file${s.files === 1 ? '' : 's'} scanned (${formatBytes(s.bytes)})`,
  ];
  if (s.skippedBinary) parts.push(`${s.skippedBinary} binary skipped`);
  if (s.skippedLarge) parts.push(`${s.skippedLarge} over the size limit skipped`);
  if (s.unread) parts.push(`${s.unread} could not be read: INCOMPLETE`);
  for (const w of s.warnings) lines.push(c.yellow(`warning: ${w}`));
  const summary = parts.join(', ');
  // An incomplete scan is never shown green, even with nothing found.
  lines.push(counts.error ? c.red(summary) : result.findings.length || s.unread ? c.yellow(summary) : c.green(summary));
  return lines.join('\n') + '\n';
};
