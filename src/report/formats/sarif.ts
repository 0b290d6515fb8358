// SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning de-duplicates
// results across runs by `partialFingerprints`).
import type { Reporter } from './types.js';
import { shownSecret } from './types.js';
import { remediationSteps } from '../remediation.js';
import { escapeJsonText } from '../safe-text.js';
import type { Finding, Severity } from '../../types.js';
import { leaklintVersion } from '../../version.js';
import { verificationFields } from './verification.js';
import { securitySeverity } from '../security-severity.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function commitProperties(f: Finding): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  if (f.origin.kind === 'commit')
    Object.assign(props, { commit: f.origin.commit.sha, author: f.origin.commit.author, date: f.origin.commit.date });
  if (f.cell !== undefined) props.cell = f.cell;
  if (f.history) props.history = f.history;
  Object.assign(props, verificationFields(f));
  return props;
}

export const sarifReporter: Reporter = (ctx) => {
  const { result } = ctx;
  const all = [...result.findings, ...result.suppressed];
  const ruleIds = [...new Set(all.map((f) => f.ruleId))];
  const rules = ruleIds.map((id) => {
    const rule = ctx.rules.get(id);
    const sample = all.find((f) => f.ruleId === id)!;
    // Configuration may move a rule to another severity: its findings' (the highest reported) rank the alert.
    const reported = result.findings.filter((f) => f.ruleId === id);
    const severity = reported.length
      ? reported.map((f) => f.severity).sort((a, b) => RANK[a] - RANK[b])[0]!
      : sample.severity;
    const steps = remediationSteps(rule, sample, result.moment);
    return {
      id,
      name: id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
      shortDescription: { text: rule?.title ?? sample.message },
      fullDescription: { text: rule?.why ?? sample.message },
      help: { text: steps.join('\n'), markdown: steps.map((s) => `- ${s}`).join('\n') },
      ...(rule?.helpUri ? { helpUri: rule.helpUri } : {}),
      defaultConfiguration: { level: LEVEL[rule?.severity ?? sample.severity] },
      properties: {
        provider: rule?.provider ?? sample.provider,
        tags: ['security', 'secret'],
        'security-severity': securitySeverity(severity, rule?.provider ?? sample.provider),
      },
    };
  });
  const toResult = (f: Finding) => {
    const value = f.kind === 'content' ? `: ${shownSecret(f, ctx.showSecrets)}` : '';
    const props = commitProperties(f);
    return {
      ruleId: f.ruleId,
      ruleIndex: ruleIds.indexOf(f.ruleId),
      level: LEVEL[f.severity],
      message: { text: `${f.message}${value}${f.cell !== undefined ? ` (cell ${f.cell})` : ''}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: f.file.split('/').map(encodeURIComponent).join('/') },
            region: {
              startLine: f.line,
              startColumn: f.column,
              endLine: f.endLine,
              endColumn: Math.max(f.endColumn, f.column),
            },
          },
        },
      ],
      partialFingerprints: { 'leaklintFingerprint/v1': f.fingerprint },
      ...(Object.keys(props).length ? { properties: props } : {}),
      ...(f.suppressed
        ? {
            suppressions: [
              { kind: f.suppressed.startsWith('inline') ? 'inSource' : 'external', justification: f.suppressed },
            ],
          }
        : {}),
    };
  };
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'leaklint',
            version: leaklintVersion(),
            informationUri: 'https://www.npmjs.com/package/leaklint',
            rules,
          },
        },
        results: all.map(toResult),
        properties: {
          moment: result.moment,
          filesScanned: result.stats.files,
          unread: result.stats.unread,
          warnings: result.stats.warnings,
        },
      },
    ],
  };
  // Exact values for tools; no raw control character or workflow command in the bytes.
  return escapeJsonText(JSON.stringify(log, null, 2)) + '\n';
};
