// JUnit XML for CI systems that only show test reports: one test case per
// finding (failed), or one passing case when there is nothing to report.
import type { Reporter } from './types.js';
import { shownSecret } from './types.js';
import { remediationSteps } from '../remediation.js';
import { escapeStrings, escapeText } from '../safe-text.js';

/** XML-escape, dropping characters XML 1.0 cannot carry at all. */
export function xml(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export const junitReporter: Reporter = (ctx) => {
  // Test reports are shown in CI pages and printed to logs: names from the repository get visible escapes.
  const result = escapeStrings(ctx.result);
  const cases = result.findings.map((f) => {
    const rule = ctx.rules.get(f.ruleId);
    const value = f.kind === 'content' ? ` ${shownSecret(f, ctx.showSecrets)}` : '';
    const commit = f.origin.kind === 'commit' ? ` (commit ${f.origin.commit.sha.slice(0, 12)})` : '';
    const body = [
      `${f.file}:${f.line}:${f.column}${commit}`,
      `${f.message}${value}`,
      ...remediationSteps(rule, f, result.moment).map(escapeText),
    ].join('\n');
    const tag = f.severity === 'error' ? 'failure' : 'skipped';
    const inner =
      tag === 'failure'
        ? `<failure message="${xml(f.message)}" type="${xml(f.ruleId)}">${xml(body)}</failure>`
        : `<skipped message="${xml(`${f.severity}: ${f.message}${value}`)}"/>`;
    return `    <testcase classname="${xml(f.file)}" name="${xml(`${f.ruleId} at line ${f.line}`)}">${inner}</testcase>`;
  });
  if (cases.length === 0)
    cases.push(`    <testcase classname="leaklint" name="no secrets found (${result.stats.files} files scanned)"/>`);
  const failures = result.findings.filter((f) => f.severity === 'error').length;
  const skipped = result.findings.length - failures;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="leaklint" tests="${cases.length}" failures="${failures}">`,
    `  <testsuite name="leaklint" tests="${cases.length}" failures="${failures}" skipped="${skipped}" errors="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
};
