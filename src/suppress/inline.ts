// Suppressions: what a person has accepted. Inline directives are read from
// the scanned text; config allowlists and baselines are applied to findings.

/** Directives that silence a finding on their own line (leaklint's and the peers'). */
const SAME_LINE = [
  'leaklint:allow',
  'gitleaks:allow',
  'pragma: allowlist secret',
  'secretlint-disable-line',
  'trufflehog:ignore',
  'ggignore',
  'kingfisher:ignore',
];
/** Directives that silence a finding on the next line. */
const NEXT_LINE = ['leaklint:allow-next-line', 'pragma: allowlist nextline secret', 'secretlint-disable-next-line'];

function findDirective(line: string, list: string[]): string | undefined {
  if (line.length === 0) return undefined;
  const lower = line.toLowerCase();
  for (const d of list) {
    // "leaklint:allow-next-line" must not count as a same-line "leaklint:allow",
    // but a real "leaklint:allow" later on the same line still does.
    for (let at = lower.indexOf(d); at !== -1; at = lower.indexOf(d, at + 1)) {
      const after = lower[at + d.length];
      if (after === '-' || (after !== undefined && /[a-z]/.test(after))) continue;
      return d;
    }
  }
  return undefined;
}

/** The directive that suppresses a finding on `line` (given the line before it), if any. */
export function inlineDirective(line: string, previousLine: string | undefined): string | undefined {
  return (
    findDirective(line, SAME_LINE) ?? (previousLine === undefined ? undefined : findDirective(previousLine, NEXT_LINE))
  );
}
