// GitHub Actions workflow commands: one annotation per finding on the pull
// request's diff, then a summary line.
import type { Reporter } from './types.js';
import { shownSecret } from './types.js';
import { remediationSteps } from '../remediation.js';
import type { Severity } from '../../types.js';
import { escapeStrings, escapeText, escapeTextButLineBreaks } from '../safe-text.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escaping the runner requires in a command's message. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** …and in its properties, where `:` and `,` are separators. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const githubReporter: Reporter = (ctx) => {
  // Control characters in names from the repository become visible escapes first, so the
  // runner's own escaping below leaves every newline in a command to leaklint.
  const result = escapeStrings(ctx.result);
  const lines = result.findings.map((f, i) => {
    const rule = ctx.rules.get(f.ruleId);
    // The file property is decoded by the runner: CR and LF travel encoded, so the annotation names the real file.
    const file = escapeProperty(escapeTextButLineBreaks(ctx.result.findings[i]!.file));
    const props = [
      `file=${file}`,
      `line=${f.line}`,
      `col=${f.column}`,
      `endLine=${f.endLine}`,
      `endColumn=${f.endColumn}`,
      `title=${escapeProperty(escapeText(`${rule?.title ?? f.message} (${f.ruleId})`))}`,
    ];
    const value = f.kind === 'content' ? ` ${shownSecret(f, ctx.showSecrets)}` : '';
    const commit = f.origin.kind === 'commit' ? ` in ${f.origin.commit.sha.slice(0, 12)}` : '';
    const what = remediationSteps(rule, f, result.moment).map(escapeText).join('\n');
    return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(`${f.message}${value}${commit}\n${what}`)}`;
  });
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  lines.push(
    `leaklint: ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} (${errors} error), ${result.suppressed.length} suppressed, ${result.stats.files} files scanned`,
  );
  for (const w of result.stats.warnings) lines.push(`::warning title=leaklint::${escapeData(w)}`);
  return lines.join('\n') + '\n';
};
