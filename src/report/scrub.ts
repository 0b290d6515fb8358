// Last line of defence for text leaklint prints that did not come from a
// reporter: error messages, internal errors, stack traces. Whatever raised
// them, a credential inside is replaced by its redacted preview.
import type { Rule } from '../types.js';
import { Engine } from '../scan/engine.js';

/** `text` with every secret the rules find replaced by its preview. */
export function scrubSecrets(text: string, rules: Rule[]): string {
  let findings;
  try {
    findings = new Engine(rules).scan({ path: 'message', text, startLine: 1, origin: { kind: 'stdin' } });
  } catch {
    return text;
  }
  let out = text;
  // Longest first, so a secret that contains another is replaced whole.
  const secrets = [...new Set(findings.map((f) => f.secret).filter((s): s is string => Boolean(s)))].sort(
    (a, b) => b.length - a.length,
  );
  for (const secret of secrets) {
    const shown = findings.find((f) => f.secret === secret)?.preview ?? '[redacted]';
    out = out.split(secret).join(shown);
  }
  return out;
}

/** An unexpected error's message, scrubbed with every built-in rule (for the binary's last-resort handler). */
export async function scrubInternalError(err: unknown): Promise<string> {
  const message = err instanceof Error && err.message ? err.message : String(err);
  try {
    const { loadRules } = await import('../scan/rule-set.js');
    return scrubSecrets(message, await loadRules());
  } catch {
    return '(message withheld: it could not be checked for secrets)';
  }
}
