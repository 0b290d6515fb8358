// The catch-all rules skip their full pattern where a cheap check proves it
// cannot match: the matches they keep must be exactly the pattern's own.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ASSIGNMENT, assignmentMatches } from '../../rules/generic.js';
import { URL_CREDENTIAL, urlCredentialMatches } from '../../rules/url-credentials.js';
import { runs } from '../helpers.js';
import { Engine } from '../../src/scan/engine.js';
import { allRules } from '../../rules/index.js';
import { ALNUM, HEX, fake } from '../../src/rulekit/fakes.js';

const summary = (ms: RegExpExecArray[]) => ms.map((m) => ({ index: m.index, text: m[0], groups: { ...m.groups } }));

/**
 * Text made of the pieces the patterns care about, often in the order of a
 * match, so matches, near misses and long runs are all common.
 */
const pieces = (alphabet: string[], shapes: string[][], maxLength: number) => {
  const piece = fc.oneof(fc.constantFrom(...alphabet), fc.string({ maxLength: 3 }));
  const shaped = fc
    .constantFrom(...shapes)
    .chain((shape) =>
      fc.tuple(...shape.map((options) => fc.constantFrom(...options.split('|')))).map((p) => p.join('')),
    );
  return fc.array(fc.oneof(piece, shaped), { maxLength }).map((parts) => parts.join(''));
};

describe('generic assignment: matches without trying every position', () => {
  const alphabet = [
    'password',
    'PWD',
    'secret',
    'token',
    'api-key',
    'api_key',
    'apikey',
    'client_secret',
    'encryption_key',
    'auth',
    'author',
    'authentic',
    'credentials',
    'my',
    'x',
    '_',
    '.',
    '-',
    '=',
    ':',
    ':=',
    '=>',
    ' ',
    '\n',
    '"',
    "'",
    '`',
    ']',
    '[',
    ',',
    ';',
    '#',
    'b"',
    "f'",
    'Ab3dE5gH9k',
    'zq8W2mN4pL7x',
    'a'.repeat(45),
    '0123456789'.repeat(30),
  ];
  it('finds what matchAll finds, on generated text', () => {
    let matched = 0;
    const shapes = [
      [
        '|x.|my-|a'.repeat(2) + 'n'.repeat(38),
        'password|api_key|client-secret|auth|authority|token',
        '|_URL|s|' + 'v'.repeat(41),
        '|"|\'|]',
        '| |  ',
        '=|:|:=|=>',
        '| ',
        '|"|b\'|`',
        'Ab3dE5gH9k|zq8W2mN4pL7x|short|' + 'k9'.repeat(130),
        '|"|,|;|\\n',
      ],
    ];
    fc.assert(
      fc.property(pieces(alphabet, shapes, 30), (text) => {
        const expected = [...text.matchAll(ASSIGNMENT)];
        if (expected.length > 0) matched++;
        expect(summary(assignmentMatches(text))).toEqual(summary(expected));
      }),
      { numRuns: runs(3000) },
    );
    // The generator must reach the interesting cases, not only misses.
    expect(matched).toBeGreaterThan(100);
  });
  it('finds what matchAll finds on names at the length limits', () => {
    // Built here so the project's own scan of this file finds no assignment.
    const value = ['Zx81', 'Qm4v', 'Tr9K', 'p2Wd'].join('');
    for (const pre of [0, 39, 40, 41, 80]) {
      for (const post of [0, 40, 41]) {
        const text = `{ ${'n'.repeat(pre)}.encryption_key${'v'.repeat(post)}: "${value}", a.b.token = '${value}' }`;
        expect(summary(assignmentMatches(text))).toEqual(summary([...text.matchAll(ASSIGNMENT)]));
      }
    }
  });
});

describe('URL credentials: matches only where a user:password@ follows ://', () => {
  const alphabet = [
    'https',
    'postgres',
    'redis+tls',
    '://',
    ':',
    '@',
    '/',
    'user',
    'p4ss-w0rd',
    'host.internal',
    '[::1]',
    ' ',
    '"',
    '{',
    '}',
    'x'.repeat(130),
    'y'.repeat(260),
  ];
  it('finds what matchAll finds, on generated text', () => {
    let matched = 0;
    const shapes = [
      [
        '|x|db.',
        'https|postgres|r',
        '://|:/',
        '|user|' + 'u'.repeat(127) + '|' + 'u'.repeat(129),
        ':|@',
        '|p4ss|' + 'p'.repeat(256) + '|' + 'p'.repeat(257),
        '@|:@|/@',
        'host|[::1]|example.com|',
      ],
    ];
    fc.assert(
      fc.property(pieces(alphabet, shapes, 20), (text) => {
        const expected = [...text.matchAll(URL_CREDENTIAL)];
        if (expected.length > 0) matched++;
        expect(summary(urlCredentialMatches(text))).toEqual(summary(expected));
      }),
      { numRuns: runs(3000) },
    );
    expect(matched).toBeGreaterThan(100);
  });
});

describe('the byte pre-check never passes over a hit a finding is built on', () => {
  // Built here so the project's own scan of this file finds nothing.
  const value = ['Zx81', 'Qm4v', 'Tr9K', 'p2Wd', 'L7nB'].join('');
  const hex = fake(64, HEX, 'precheck-sentry');
  // Longer than the 256 characters the generic pattern takes of a value, and code past them.
  const long = `${fake(300, ALNUM, 'precheck-long')}(x)`;
  const engine = new Engine(allRules);
  it('files with findings in any spelling the generic rules read are never triaged clean', () => {
    const names = 'COHERE_KEY|AccountKey|SMTP_PASS|creds|apiToken|db.password|password|HF_TOKEN|secret';
    // Values the byte pre-check reads past the operator: brackets (code), query strings, prefixes, short words.
    const values = `${value}|${value}#${value}|short|${value}(x)|(${value})|${value}&next=(x)|q=${value}&a|b'${value}|r\\"${value}|${long}`;
    const shapes = [
      // Assignments: environment, escaped JSON, typed declarations, Makefile and PHP operators.
      [
        '|os.environ["|%env |!export |var |$|\\"|;',
        names,
        '|"]|\\"|"|\'',
        '| string| : &str|',
        ' = |=|: |?= |::= |.= |:\t|: string = |: &str = | == |\n: ',
        '|"|\'|\\"',
        values,
        '|"|";|\\"|;',
      ],
      // Setter calls.
      [
        'System.setProperty("|os.environ.setdefault(\'|os.Setenv("|monkeypatch.setenv( r"|PUTENV(\tB\'|config.get("|x.set_env("',
        names,
        '", "|\', \'|","|"\t,\tf"',
        values,
        '")|\')',
      ],
      // Legacy W&B keys: 40 hex digits on the line of `wandb` or near it (or too far, or too short).
      [
        'import wandb|wandb.login(key="|WANDB_API_KEY=|',
        '|\n|\n\n|\n\n\n|\r\n',
        '|api_key = "|apikey: |WANDB_API_KEY=',
        `${hex.slice(0, 40)}|${hex.slice(0, 39)}`,
        '|"|\nwandb.init()|\n\n\nwandb',
      ],
      // Legacy Sentry tokens: the key, then 64 hex digits (or fewer, or more).
      [
        '|x.|sentry_',
        'token|auth.token|SENTRY_AUTH_TOKEN|max_tokens',
        '|"|\'',
        '=| = |: |\n= ',
        '|"|\'',
        `${hex}|${hex.slice(1)}|${hex}a|${hex}z`,
      ],
      // XML elements and attributes.
      ['<|<add key="|<string name="', names, '>|" value="|">', values, '</x>|" />|</string>'],
      // Headers and command lines.
      [
        'curl -u user:|curl -sS \\\n  --user deploy:|wandb login |hf auth login --token |-H "Authorization: Bearer |Authorization: Basic ',
        `${value}|${Buffer.from(`ci:${value}`).toString('base64')}`,
        '|"| https://x.io/',
      ],
    ];
    let found = 0;
    let legacy = 0;
    let wandb = 0;
    fc.assert(
      fc.property(pieces(['\n', ' ', 'x', '"'], shapes, 6), (text) => {
        const findings = engine.scan({ path: 'input.txt', text, startLine: 1, origin: { kind: 'worktree' } });
        if (findings.length === 0) return;
        found++;
        expect(engine.triage('input.txt', Buffer.from(text)), text).not.toBe('clean');
        if (findings.some((f) => f.ruleId === 'sentry-legacy-token')) legacy++;
        if (findings.some((f) => f.ruleId === 'wandb-legacy-api-key')) wandb++;
      }),
      { numRuns: runs(1500) },
    );
    expect(found).toBeGreaterThan(50);
    expect(legacy).toBeGreaterThan(5);
    expect(wandb).toBeGreaterThan(5);
  });
});
