const remediation = {
    rotate: 'generate a new key pair, then remove the old public key everywhere it is trusted (GitHub/GitLab SSH and deploy keys, servers’ authorized_keys, cloud key pairs); TLS: re-issue and revoke the certificate; GitHub App: generate a new key in the App settings and delete the old one',
    store: 'an SSH agent or hardware key, a secret manager, or a multi-line CI secret written to a file at run time',
    read: 'load the key from a path given in the environment (for example SSH_KEY_PATH), never from the repository',
};
const helpUri = 'https://docs.github.com/en/authentication/connecting-to-github-with-ssh';
const BLOCK = /-----BEGIN (?<label>(?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED) )?PRIVATE KEY|PGP PRIVATE KEY BLOCK)-----(?<body>[\s\S]{0,20000}?)-----END \k<label>-----/g;
/** The base64 payload of a PEM body: armour headers, `\n` escapes and whitespace removed. */
function payload(body) {
    return body
        .replace(/\\r|\\n/g, '\n')
        .split('\n')
        .filter((l) => !/^\s*[A-Za-z-]+:\s/.test(l) && !/^\s*=[A-Za-z0-9+/]{4}\s*$/.test(l))
        .join('')
        .replace(/[\s"',]/g, '');
}
function isEncrypted(label, body, data) {
    if (label.startsWith('ENCRYPTED') || /Proc-Type:\s*4,ENCRYPTED/.test(body))
        return true;
    if (label.startsWith('OPENSSH')) {
        // openssh-key-v1\0, then a length-prefixed cipher name: "none" means unencrypted.
        const raw = Buffer.from(data, 'base64');
        const len = raw.length >= 19 ? raw.readUInt32BE(15) : 0;
        return len > 0 && len < 64 && raw.subarray(19, 19 + len).toString('latin1') !== 'none';
    }
    return false;
}
const pemKey = {
    kind: 'content',
    id: 'private-key-pem',
    provider: 'private-key',
    title: 'Private key (PEM)',
    why: 'A private key proves identity: whoever has it can log in to servers, sign as you, or decrypt what was sent to you.',
    severity: 'error',
    remediation,
    helpUri,
    keywords: ['PRIVATE KEY'],
    ownPlaceholderCheck: true,
    // Keys span dozens of lines; the window must hold BEGIN and END together.
    contextLines: 120,
    match(text) {
        const out = [];
        for (const m of text.matchAll(BLOCK)) {
            const label = m.groups.label;
            const body = m.groups.body;
            // Truncated documentation examples are far shorter than any real key.
            if (/\.\.\.|…/.test(body))
                continue;
            const data = payload(body);
            if (data.length < 64 || !/^[A-Za-z0-9+/=]+$/.test(data))
                continue;
            const encrypted = isEncrypted(label, body, data);
            out.push({
                start: m.index,
                end: m.index + m[0].length,
                secret: data,
                ...(encrypted ? { severity: 'warning', message: `Encrypted private key (${label}): useless without its passphrase, but still to be removed` } : { message: `Private key (${label})` }),
            });
        }
        return out;
    },
};
const putty = {
    kind: 'content',
    id: 'private-key-putty',
    provider: 'private-key',
    title: 'PuTTY private key',
    why: 'A PuTTY key file holds an SSH private key.',
    severity: 'error',
    remediation,
    helpUri,
    keywords: ['PuTTY-User-Key-File-'],
    ownPlaceholderCheck: true,
    contextLines: 40,
    match(text) {
        const m = /PuTTY-User-Key-File-[23]:[^\n]{0,200}\n[\s\S]{0,8000}?Private-Lines:[ \t]{0,16}\d{1,4}\n(?<lines>(?:[A-Za-z0-9+/=]{1,128}\n?){1,40})/.exec(text);
        if (!m)
            return [];
        const secret = m.groups.lines.replace(/\s/g, '');
        if (secret.length < 32)
            return [];
        const encrypted = /Encryption:\s*(?!none)\S+/.test(m[0]);
        return [{ start: m.index, end: m.index + m[0].length, secret, ...(encrypted ? { severity: 'warning' } : {}) }];
    },
};
const KEY_FILE = /(^|\/)id_(rsa|dsa|ecdsa|ed25519)(_sk)?$/;
const KEYSTORE = /\.(p12|pfx|jks|keystore)$/i;
const MAYBE_KEY = /\.(pem|key|ppk)$/i;
const keyFile = {
    kind: 'path',
    id: 'private-key-file',
    provider: 'private-key',
    title: 'Private key or keystore file',
    why: 'SSH keys, PEM keys and keystores must never be committed: the file itself is the credential.',
    severity: 'error',
    remediation: { ...remediation, note: 'Ignore every key format you use (`*.pem`, `id_rsa*`, `*.p12` …).' },
    ignorePattern: '*.pem',
    test(path, content) {
        if (KEY_FILE.test(path) || KEYSTORE.test(path))
            return true;
        if (!MAYBE_KEY.test(path))
            return false;
        const text = content();
        return text !== undefined && /PRIVATE KEY-----|PuTTY-User-Key-File-/.test(text);
    },
};
export const rules = [pemKey, putty, keyFile];
