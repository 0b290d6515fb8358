// GitLab's secret-detection report (the `secret_detection` artifact), schema
// version 15.0.7: findings show in merge requests and the security dashboard.
import { sha256Hex } from '../../util/sha256.js';
import type { Reporter } from './types.js';
import { shownSecret } from './types.js';
import { remediationSteps } from '../remediation.js';
import { escapeJsonText } from '../safe-text.js';
import type { Severity } from '../../types.js';
import { leaklintVersion } from '../../version.js';

const SEVERITY: Record<Severity, string> = { error: 'Critical', warning: 'Medium', info: 'Info' };

/** GitLab's timestamp format: no fraction, no zone. */
function gitlabTime(d: Date): string {
  return d.toISOString().slice(0, 19);
}

/** A stable UUID-shaped id, so a finding keeps its identity across pipelines. */
function stableId(fingerprint: string): string {
  const h = sha256Hex(fingerprint);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export const gitlabReporter: Reporter = (ctx) => {
  const { result } = ctx;
  const now = gitlabTime(new Date());
  const tool = { id: 'leaklint', name: 'leaklint', version: leaklintVersion(), vendor: { name: 'leaklint' } };
  const report = {
    version: '15.0.7',
    vulnerabilities: result.findings.map((f) => {
      const rule = ctx.rules.get(f.ruleId);
      const commit = f.origin.kind === 'commit' ? f.origin.commit : undefined;
      return {
        id: stableId(f.fingerprint),
        category: 'secret_detection',
        name: rule?.title ?? f.message,
        description: `${rule?.why ?? f.message}\n\n${remediationSteps(rule, f, result.moment).join('\n')}`,
        severity: SEVERITY[f.severity],
        confidence: 'High',
        scanner: { id: tool.id, name: tool.name },
        location: {
          file: f.file,
          start_line: f.line,
          end_line: f.endLine,
          commit: commit ? { sha: commit.sha, author: commit.author, date: commit.date } : { sha: '0000000' },
        },
        identifiers: [{ type: 'leaklint_rule_id', name: `leaklint rule ${f.ruleId}`, value: f.ruleId }],
        ...(f.kind === 'content' ? { raw_source_code_extract: shownSecret(f, ctx.showSecrets) } : {}),
      };
    }),
    scan: {
      analyzer: tool,
      scanner: tool,
      type: 'secret_detection',
      start_time: now,
      end_time: now,
      status: 'success',
    },
  };
  // Exact values for tools; no raw control character or workflow command in the bytes.
  return escapeJsonText(JSON.stringify(report, null, 2)) + '\n';
};
