import { Engine } from './engine.js';
/**
 * V8 quotes the text around a JSON syntax error ("…"AbCd",]}" is not valid
 * JSON"); in a configuration or baseline that text can be a secret. Keep the
 * reason, drop the quote.
 */
export function jsonErrorMessage(e) {
    const message = e instanceof Error ? e.message : String(e);
    return message.replace(/,\s*(?:\.\.\.)?"[\s\S]*"(?:\.\.\.)?\s+is not valid JSON$/, ' (not valid JSON)');
}
/** `text` with every secret the rules find replaced by its preview. */
export function scrubSecrets(text, rules) {
    let findings;
    try {
        findings = new Engine(rules).scan({ path: 'message', text, startLine: 1, origin: { kind: 'stdin' } });
    }
    catch {
        return text;
    }
    let out = text;
    // Longest first, so a secret that contains another is replaced whole.
    const secrets = [...new Set(findings.map((f) => f.secret).filter((s) => Boolean(s)))].sort((a, b) => b.length - a.length);
    for (const secret of secrets) {
        const shown = findings.find((f) => f.secret === secret)?.preview ?? '[redacted]';
        out = out.split(secret).join(shown);
    }
    return out;
}
/** An unexpected error's message, scrubbed with every built-in rule (for the binary's last-resort handler). */
export async function scrubInternalError(err) {
    const message = err instanceof Error && err.message ? err.message : String(err);
    try {
        const { loadRules } = await import('./cli.js');
        return scrubSecrets(message, await loadRules());
    }
    catch {
        return '(message withheld: it could not be checked for secrets)';
    }
}
