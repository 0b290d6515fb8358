import type { ContentRule, PathRule, Rule, RuleMatch } from '../src/types.js';
import { BASE64, HEX, fake } from '../src/rulekit/fakes.js';
import { allMatches } from '../src/rulekit/matches.js';

/** A PEM block with a fake body of `lines` 64-character lines; the label is kept apart so no literal key sits in this file. */
function fakePem(label: string, lines: number, seed: string, headers = ''): string {
  const body = Array.from({ length: lines }, (_, i) => fake(64, BASE64, `${seed}-${i}`)).join('\n');
  return [`-----BEGIN ${label}-----`, `${headers}${body}`, `-----END ${label}-----`].join('\n');
}
const RSA = 'RSA PRIVATE KEY';

const remediation = {
  rotate:
    'generate a new key pair, then remove the old public key everywhere it is trusted (GitHub/GitLab SSH and deploy keys, servers’ authorized_keys, cloud key pairs); TLS: re-issue and revoke the certificate; GitHub App: generate a new key in the App settings and delete the old one',
  store: 'an SSH agent or hardware key, a secret manager, or a multi-line CI secret written to a file at run time',
  read: 'load the key from a path given in the environment (for example SSH_KEY_PATH), never from the repository',
};
const helpUri = 'https://docs.github.com/en/authentication/connecting-to-github-with-ssh';

const BLOCK =
  /-----BEGIN (?<label>(?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED) )?PRIVATE KEY|PGP PRIVATE KEY BLOCK)-----(?<body>[\s\S]{0,20000}?)-----END \k<label>-----/g;

/** The base64 payload of a PEM body: armour headers, `\n` escapes and whitespace removed. */
function payload(body: string): string {
  return body
    .replace(/\\r|\\n/g, '\n')
    .split('\n')
    .filter((l) => !/^\s*[A-Za-z-]+:\s/.test(l) && !/^\s*=[A-Za-z0-9+/]{4}\s*$/.test(l))
    .join('')
    .replace(/[\s"',]/g, '');
}

function isEncrypted(label: string, body: string, data: string): boolean {
  if (label.startsWith('ENCRYPTED') || /Proc-Type:\s*4,ENCRYPTED/.test(body)) return true;
  if (label.startsWith('OPENSSH')) {
    // openssh-key-v1\0, then a length-prefixed cipher name: "none" means unencrypted.
    const raw = Buffer.from(data, 'base64');
    const len = raw.length >= 19 ? raw.readUInt32BE(15) : 0;
    return len > 0 && len < 64 && raw.subarray(19, 19 + len).toString('latin1') !== 'none';
  }
  return false;
}

const pemKey: ContentRule = {
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
  get examples() {
    return {
      match: [
        fakePem(RSA, 8, 'pem-rsa'),
        `key = "${fakePem('PRIVATE KEY', 4, 'pem-pkcs8').replaceAll('\n', '\\n')}"`,
        // Encrypted: a warning, still to be removed.
        fakePem(
          RSA,
          8,
          'pem-enc',
          'Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n',
        ),
      ],
      // Documentation cuts keys short; a certificate is public.
      noMatch: [
        `-----BEGIN ${RSA}-----\nMIIEowIBAAKCAQEA...\n-----END ${RSA}-----`,
        fakePem('CERTIFICATE', 8, 'pem-cert'),
      ],
    };
  },
  match(text) {
    const out: RuleMatch[] = [];
    for (const m of allMatches(BLOCK, text)) {
      const label = m.groups!.label!;
      const body = m.groups!.body!;
      // Truncated documentation examples are far shorter than any real key.
      if (/\.\.\.|…/.test(body)) continue;
      const data = payload(body);
      if (data.length < 64 || !/^[A-Za-z0-9+/=]+$/.test(data)) continue;
      const encrypted = isEncrypted(label, body, data);
      out.push({
        start: m.index!,
        end: m.index! + m[0].length,
        secret: data,
        ...(encrypted
          ? {
              severity: 'warning' as const,
              message: `Encrypted private key (${label}): useless without its passphrase, but still to be removed`,
            }
          : { message: `Private key (${label})` }),
      });
    }
    return out;
  },
};

const putty: ContentRule = {
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
  get examples() {
    return {
      match: [
        [
          'PuTTY-User-Key-File-3: ssh-ed25519',
          'Encryption: none',
          'Comment: eddsa-key-20260101',
          'Public-Lines: 2',
          fake(64, BASE64, 'putty-pub-1'),
          fake(4, BASE64, 'putty-pub-2'),
          'Private-Lines: 1',
          fake(44, BASE64, 'putty-private'),
          `Private-MAC: ${fake(64, HEX, 'putty-mac')}`,
        ].join('\n'),
      ],
      noMatch: [
        'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPrivate-Lines: 1\nAAAA\n',
        'Save the key in PuTTY-User-Key-File-3 format.',
      ],
    };
  },
  match(text) {
    const m =
      /PuTTY-User-Key-File-[23]:[^\n]{0,200}\n[\s\S]{0,8000}?Private-Lines:[ \t]{0,16}\d{1,4}\n(?<lines>(?:[A-Za-z0-9+/=]{1,128}\n?){1,40})/.exec(
        text,
      );
    if (!m) return [];
    const secret = m.groups!.lines!.replace(/\s/g, '');
    if (secret.length < 32) return [];
    const encrypted = /Encryption:\s*(?!none)\S+/.test(m[0]);
    return [
      { start: m.index, end: m.index + m[0].length, secret, ...(encrypted ? { severity: 'warning' as const } : {}) },
    ];
  },
};

const KEY_FILE = /(^|\/)id_(rsa|dsa|ecdsa|ed25519)(_sk)?$/;
const KEYSTORE = /\.(p12|pfx|jks|keystore)$/i;
const MAYBE_KEY = /\.(pem|key|ppk)$/i;

const keyFile: PathRule = {
  kind: 'path',
  id: 'private-key-file',
  provider: 'private-key',
  title: 'Private key or keystore file',
  why: 'SSH keys, PEM keys and keystores must never be committed: the file itself is the credential.',
  severity: 'error',
  remediation: { ...remediation, note: 'Ignore every key format you use (`*.pem`, `id_rsa*`, `*.p12` …).' },
  ignorePattern: '*.pem',
  alsoIgnore: ['id_rsa*'],
  get examples() {
    return {
      match: [
        'deploy/id_rsa',
        '.ssh/id_ed25519',
        'certs/keystore.p12',
        `tls/server.key\n${fakePem('PRIVATE KEY', 4, 'key-file')}\n`,
      ],
      noMatch: ['deploy/id_rsa.pub', `certs/ca.pem\n${fakePem('CERTIFICATE', 4, 'cert-file')}\n`, 'docs/keys.md'],
    };
  },
  test(path, content) {
    if (KEY_FILE.test(path) || KEYSTORE.test(path)) return true;
    if (!MAYBE_KEY.test(path)) return false;
    const text = content();
    return text !== undefined && /PRIVATE KEY-----|PuTTY-User-Key-File-/.test(text);
  },
};

export const rules: Rule[] = [pemKey, putty, keyFile];
