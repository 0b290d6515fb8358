import { LEFT, RIGHT_WITH_DASH } from '../src/rulekit.js';
const remediation = {
    rotate: 'Modal dashboard → workspace settings → API tokens (https://modal.com/settings/<workspace>/tokens): delete the token (`modal token new` makes a new one but does not revoke the old)',
    store: 'CI secrets MODAL_TOKEN_ID / MODAL_TOKEN_SECRET (`gh secret set MODAL_TOKEN_SECRET`), preferably for a service user; credentials your Modal functions use go in Modal Secrets (`modal secret create NAME KEY=VALUE`)',
    read: 'the Modal client reads MODAL_TOKEN_ID and MODAL_TOKEN_SECRET from the environment; in functions, `modal.Secret.from_name("name")`',
};
const helpUri = 'https://modal.com/docs/reference/modal.config';
const TOKEN = new RegExp(`${LEFT}(a[ks])-([A-Za-z0-9]{22})${RIGHT_WITH_DASH}`, 'g');
const PLACEHOLDER_WORDS = /fake|notareal|notreal|example|sample|dummy|placeholder|token|secret|string/i;
/**
 * Modal's own docs use upper-case English words run together as a placeholder
 * pair; entropy does not reject those, but single-case letters with no digit
 * (vanishingly rare in a random 22-character token) and dictionary words do.
 */
export function isModalPlaceholder(body) {
    if (PLACEHOLDER_WORDS.test(body))
        return true;
    return !/[0-9]/.test(body) && (body === body.toUpperCase() || body === body.toLowerCase());
}
const isAlnum = (b) => (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57);
/** Whether TOKEN matches at `start` in UTF-8 bytes: `ak-`/`as-` in lower case, 22 letters or digits, its left and right edges. */
function tokenAt(bytes, start) {
    if (bytes[start] !== 97 || (bytes[start + 1] !== 107 && bytes[start + 1] !== 115) || bytes[start + 2] !== 45)
        return false;
    for (let i = start + 3; i < start + 25; i++)
        if (i >= bytes.length || !isAlnum(bytes[i]))
            return false;
    const after = bytes[start + 25];
    if (after !== undefined && (isAlnum(after) || after === 95 || after === 45))
        return false;
    const before = bytes[start - 1];
    if (before === undefined || !(isAlnum(before) || before === 95))
        return true;
    // Right after a `\n`-style escape (LEFT's second branch).
    return (before === 110 || before === 114 || before === 116) && bytes[start - 2] === 92;
}
/** How many lines apart an id and a secret may sit and still be one credential. */
const PAIR_DISTANCE = 3;
const token = {
    kind: 'content',
    id: 'modal-token',
    provider: 'modal',
    title: 'Modal API token',
    why: 'A Modal token pair deploys and runs code in the workspace, billed to its owner, and reads the workspace’s Modal Secrets.',
    severity: 'error',
    remediation,
    helpUri,
    keywords: ['ak-', 'as-'],
    contextLines: PAIR_DISTANCE,
    hitCanMatch: tokenAt,
    match(text) {
        const halves = [];
        for (const m of text.matchAll(TOKEN)) {
            if (isModalPlaceholder(m[2]))
                continue;
            const start = m.index;
            let line = 0;
            for (let i = text.indexOf('\n'); i !== -1 && i < start; i = text.indexOf('\n', i + 1))
                line++;
            halves.push({ kind: m[1], start, end: start + m[0].length, line, value: m[0] });
        }
        const ids = halves.filter((h) => h.kind === 'ak');
        const out = [];
        const pairedIds = new Set();
        for (const secret of halves.filter((h) => h.kind === 'as')) {
            // The nearest unpaired id within reach makes the pair.
            const id = ids
                .filter((i) => !pairedIds.has(i) && Math.abs(i.line - secret.line) <= PAIR_DISTANCE)
                .sort((a, b) => Math.abs(a.line - secret.line) - Math.abs(b.line - secret.line))[0];
            if (id) {
                pairedIds.add(id);
                out.push({ start: secret.start, end: secret.end, secret: secret.value, visiblePrefix: 3, message: `Modal token pair (id ${id.value} with its secret)` });
            }
            else {
                out.push({ start: secret.start, end: secret.end, secret: secret.value, visiblePrefix: 3, message: 'Modal token secret (as-…)' });
            }
        }
        for (const id of ids) {
            if (pairedIds.has(id))
                continue;
            out.push({ start: id.start, end: id.end, secret: id.value, visiblePrefix: 3, severity: 'warning', message: 'Modal token id (ak-…) without its secret nearby: half a credential' });
        }
        return out;
    },
};
const config = {
    kind: 'path',
    id: 'modal-config-file',
    provider: 'modal',
    title: 'Modal .modal.toml credentials file',
    why: '`modal setup` and `modal token new` write the token pair into .modal.toml in plain text.',
    severity: 'error',
    remediation: { ...remediation, note: 'Keep .modal.toml in your home directory, where `modal token set` writes it.' },
    ignorePattern: '.modal.toml',
    test: (path) => /(^|\/)\.modal\.toml$/.test(path),
};
export const rules = [token, config];
