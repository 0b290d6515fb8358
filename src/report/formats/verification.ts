// How `--verify`'s outcomes read in reports: a word per finding, and a block
// that puts the live credentials, the ones to rotate now, first.
import type { Finding } from '../../types.js';

/** `live`, `invalid`, `unknown (timeout)`; empty when the scan did not verify. */
export function verificationWord(f: Finding): string {
  const v = f.verification;
  if (!v) return '';
  return v.status === 'unknown' ? `unknown (${v.reason ?? 'no answer'})` : v.status;
}

/** The JSON contract's fields: `verification` and, when unknown, `verificationReason`. */
export function verificationFields(f: Finding): Record<string, string> {
  const v = f.verification;
  if (!v) return {};
  return { verification: v.status, ...(v.status === 'unknown' && v.reason ? { verificationReason: v.reason } : {}) };
}

/** Counts per outcome, or undefined when the scan did not verify. */
export function verificationCounts(
  findings: Finding[],
): { live: number; invalid: number; unknown: number } | undefined {
  if (!findings.some((f) => f.verification)) return undefined;
  const counts = { live: 0, invalid: 0, unknown: 0 };
  for (const f of findings) if (f.verification) counts[f.verification.status]++;
  return counts;
}

/** Summary lines: live first (what to rotate now), then invalid, then unknown by reason. */
export function verificationSummary(
  findings: Finding[],
  paint: { live: (s: string) => string; dim: (s: string) => string },
): string[] {
  const counts = verificationCounts(findings);
  if (!counts) return [];
  const out: string[] = [];
  const live = findings.filter((f) => f.verification?.status === 'live');
  if (live.length) {
    out.push(
      paint.live(
        `live: rotate now: ${live.length} credential finding${live.length === 1 ? '' : 's'} the provider accepted`,
      ),
    );
    for (const f of live.slice(0, 20))
      out.push(`  ${f.provider} ${f.preview}  ${f.file}${f.kind === 'content' ? `:${f.line}` : ''}`);
    if (live.length > 20) out.push(`  … and ${live.length - 20} more`);
  }
  if (counts.invalid) out.push(`invalid: ${counts.invalid} (the provider rejected them: revoked or never valid)`);
  if (counts.unknown) {
    const reasons = new Map<string, number>();
    for (const f of findings)
      if (f.verification?.status === 'unknown') {
        const r = (f.verification.reason ?? 'no answer').split(':')[0]!;
        reasons.set(r, (reasons.get(r) ?? 0) + 1);
      }
    out.push(paint.dim(`unknown: ${counts.unknown} (${[...reasons].map(([r, n]) => `${r} ${n}`).join(', ')})`));
  }
  return [...out, ''];
}
