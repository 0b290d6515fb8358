// The GitHub Actions job summary ($GITHUB_STEP_SUMMARY): every finding in one
// table, since the log shows only the first 10 annotations of a step. It is
// read by anyone who can see the run, so values are always the redacted
// previews (even with --show-secrets), and every name taken from the
// repository is escaped: the table is HTML (as GitHub's own toolkit writes
// summary tables), inside which Markdown is not interpreted, so escaping the
// HTML metacharacters and making control characters visible is enough for a
// path like `<img src=x>|*.py` to show as itself.
import type { Reporter } from './types.js';
import { remediationSteps } from '../remediation.js';
import type { Finding, Severity } from '../../types.js';

/** GitHub refuses a step summary over 1 MiB; the whole summary stays under half of that. */
export const SUMMARY_MAX_BYTES = 512 * 1024;
/** The table's share; the advice and warnings below it are capped by count and length. */
const TABLE_MAX_BYTES = 384 * 1024;
/** Rows past this many help nobody reading a web page; the rest are counted. */
export const SUMMARY_MAX_ROWS = 1000;
/** A cell longer than this (a long path) is cut; advice and warnings get more. */
const MAX_CELL = 300;
const MAX_PARAGRAPH = 1500;
const MAX_RULES = 30;
const MAX_WARNINGS = 20;

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text as an HTML cell shows it: metacharacters as entities, control, line
 * separator and bidirectional-override characters as visible `\u{…}` escapes
 * (a newline would end the HTML block and let Markdown in; an override would
 * make a name read as another).
 */
export function htmlText(s: string, max = MAX_CELL): string {
  const cut = s.length > max ? `${s.slice(0, max)}…` : s;
  return cut.replace(
    /[&<>"']|[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu,
    (c) => ENTITY[c] ?? `\\u{${c.codePointAt(0)!.toString(16)}}`,
  );
}

const code = (s: string) => (s ? `<code>${htmlText(s)}</code>` : '');
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function row(f: Finding): string {
  const where = `${f.file}:${f.line}${f.cell !== undefined ? ` (cell ${f.cell})` : ''}`;
  const commit = f.origin.kind === 'commit' ? f.origin.commit.sha.slice(0, 12) : '';
  const extra = f.history && f.history.commits > 1 ? ` +${f.history.commits - 1}` : '';
  const value = f.kind === 'content' ? f.preview : '';
  return `<tr><td>${f.severity}</td><td>${code(f.ruleId)}</td><td>${code(where)}</td><td>${code(commit)}${extra}</td><td>${code(value)}</td></tr>`;
}

export const stepSummaryReporter: Reporter = (ctx) => {
  const { result } = ctx;
  const findings = [...result.findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const counts = [
    plural(count('error'), 'error'),
    plural(count('warning'), 'warning'),
    ...(count('info') ? [`${count('info')} info`] : []),
    `${result.suppressed.length} suppressed`,
    `${plural(result.stats.files, 'file')} scanned`,
    // A green-looking summary must not hide that part of the input was never read.
    ...(result.stats.unread ? [`**${result.stats.unread} could not be read: the scan is incomplete**`] : []),
  ].join(', ');
  const out = [
    `### leaklint: ${findings.length ? plural(findings.length, 'finding') : 'no findings'}`,
    '',
    `${counts}.`,
    '',
  ];

  if (findings.length) {
    let size = out.join('\n').length;
    let shown = 0;
    const rows = [
      '<table>',
      '<tr><th>severity</th><th>rule</th><th>where</th><th>commit</th><th>value (redacted)</th></tr>',
    ];
    for (const f of findings) {
      const r = row(f);
      if (shown >= SUMMARY_MAX_ROWS || size + Buffer.byteLength(r) > TABLE_MAX_BYTES) break;
      rows.push(r);
      size += Buffer.byteLength(r) + 1;
      shown++;
    }
    rows.push('</table>');
    out.push(rows.join('\n'), '');
    if (shown < findings.length)
      out.push(
        `…and ${plural(findings.length - shown, 'more finding')} not listed here (the summary's size limit): the SARIF report or a local run lists them all.`,
        '',
      );

    // What to do, once per rule (the annotations repeat it per finding).
    const byRule = new Map<string, Finding>();
    for (const f of findings) if (!byRule.has(f.ruleId)) byRule.set(f.ruleId, f);
    out.push('#### What to do', '');
    for (const f of [...byRule.values()].slice(0, MAX_RULES)) {
      const rule = ctx.rules.get(f.ruleId);
      const steps = remediationSteps(rule, f, result.moment)
        .map((s) => `<li>${htmlText(s, MAX_PARAGRAPH)}</li>`)
        .join('');
      out.push(
        `<details><summary>${htmlText(rule?.title ?? f.message)} (${code(f.ruleId)})</summary><ul>${steps}</ul></details>`,
      );
    }
    if (byRule.size > MAX_RULES) out.push(`<p>…and ${plural(byRule.size - MAX_RULES, 'more rule')}.</p>`);
    out.push('');
  }

  const warnings = result.stats.warnings;
  if (warnings.length) {
    out.push(
      '#### Warnings',
      '',
      `<ul>${warnings
        .slice(0, MAX_WARNINGS)
        .map((w) => `<li>${htmlText(w, MAX_PARAGRAPH)}</li>`)
        .join('')}</ul>`,
    );
    if (warnings.length > MAX_WARNINGS)
      out.push(`<p>…and ${plural(warnings.length - MAX_WARNINGS, 'more warning')}.</p>`);
    out.push('');
  }
  return out.join('\n');
};
