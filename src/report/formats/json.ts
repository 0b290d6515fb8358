import type { Reporter } from './types.js';
import { shownSecret } from './types.js';
import { remediationSteps } from '../remediation.js';
import { escapeJsonText } from '../safe-text.js';
import type { Finding } from '../../types.js';
import { verificationCounts, verificationFields } from './verification.js';

export const JSON_REPORT_VERSION = 1;

function origin(f: Finding): Record<string, string> {
  if (f.origin.kind === 'commit')
    return { commit: f.origin.commit.sha, author: f.origin.commit.author, date: f.origin.commit.date };
  return {};
}

export const jsonReporter: Reporter = (ctx) => {
  const { result } = ctx;
  const render = (f: Finding) => ({
    ruleId: f.ruleId,
    provider: f.provider,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    ...(f.cell !== undefined ? { cell: f.cell } : {}),
    ...origin(f),
    secret: shownSecret(f, ctx.showSecrets),
    fingerprint: f.fingerprint,
    remediation: remediationSteps(ctx.rules.get(f.ruleId), f, result.moment),
    ...(f.history ? { history: { ...f.history, firstCommit: { ...f.history.firstCommit } } } : {}),
    ...(f.suppressed ? { suppressed: f.suppressed } : {}),
    ...verificationFields(f),
  });
  const bySeverity = { error: 0, warning: 0, info: 0 };
  for (const f of result.findings) bySeverity[f.severity]++;
  const report = {
    version: JSON_REPORT_VERSION,
    findings: result.findings.map(render),
    suppressed: result.suppressed.map(render),
    summary: {
      moment: result.moment,
      findings: result.findings.length,
      ...bySeverity,
      suppressed: result.suppressed.length,
      filesScanned: result.stats.files,
      bytesScanned: result.stats.bytes,
      skippedBinary: result.stats.skippedBinary,
      skippedLarge: result.stats.skippedLarge,
      // How many things the scan was asked to read and could not; above 0 the scan is incomplete (exit 3 without an error finding).
      unread: result.stats.unread,
      warnings: result.stats.warnings,
      ...(verificationCounts(result.findings) ? { verification: verificationCounts(result.findings) } : {}),
      // Which fingerprints these are: `leaklint baseline --from` accepts a report only under the key it was made with.
      fingerprints: result.fingerprintKeyId ? 'keyed' : 'plain',
      ...(result.fingerprintKeyId ? { fingerprintKeyId: result.fingerprintKeyId } : {}),
    },
  };
  // Exact values for tools; no raw control character or workflow command in the bytes.
  return escapeJsonText(JSON.stringify(report, null, 2)) + '\n';
};
