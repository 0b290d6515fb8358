// Secrets that are encoded: base64 values (Kubernetes Secrets,
// .dockerconfigjson, Basic auth), UTF-16 text without a byte-order mark, and
// tokens split across adjacent string literals.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Engine } from '../../src/scan/engine.js';
import { DEFAULT_MAX_FILE_SIZE, Scanner } from '../../src/scan/scanner.js';
import { base64Runs, base64RunsInBytes, decodeBase64Text } from '../../src/scan/encoded.js';
import { JoinScout, joinedLiterals } from '../../src/scan/joined-literals.js';
import { base62, crc32 } from '../../src/rulekit/rulekit.js';
import { allRules } from '../../rules/index.js';
import { fakeHfToken, runs } from '../helpers.js';

const engine = new Engine(allRules);
const origin = { kind: 'worktree' } as const;
const b64 = (s: string) => Buffer.from(s).toString('base64');

function scanFile(path: string, data: string | Buffer) {
  const scanner = new Scanner(engine, { moment: 'files', maxFileSize: DEFAULT_MAX_FILE_SIZE });
  scanner.add({ type: 'file', path, origin, data: typeof data === 'string' ? Buffer.from(data) : data });
  return scanner.result();
}

/** A fake classic GitHub token whose last six characters are the right checksum. */
function fakeGithubToken(body30 = 'Kp3Vx9Wq2Lm8Zr5Ty7Nb4Hc6Jd1Fg0S'.slice(0, 30)): string {
  return `ghp_${body30}${base62(crc32(body30), 6)}`;
}

/** Deterministic random bytes, like an image. */
function noise(bytes: number, seed = 7): Buffer {
  let x = seed;
  const buf = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    buf[i] = x >> 16;
  }
  return buf;
}

describe('base64 runs', () => {
  it('finds the runs a regular expression finds, where runs are about as long as the shortest counted', () => {
    const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    // Words of base64 characters up to 40 long between breaks, as identifiers and values in code are; some
    // are base64 of text (which is what a run must start as to count), some of those cut short.
    const random = fc.string({ unit: fc.constantFrom(...b64), minLength: 1, maxLength: 40 });
    const encoded = fc
      .tuple(fc.string({ unit: fc.constantFrom(...'abcdefgh:-_ 0123'), minLength: 12, maxLength: 30 }), fc.nat(12))
      .map(([plain, cut]) => {
        const e = Buffer.from(plain).toString('base64').replace(/=+$/, '');
        return e.slice(0, Math.max(16, e.length - cut));
      });
    const word = fc.oneof(random, encoded);
    const text = fc
      .array(fc.tuple(word, fc.constantFrom(' ', '_', '\n', '=', '==', '"', '.')), { maxLength: 60 })
      .map((parts) => parts.map(([w, sep]) => w + sep).join(''));
    let found = 0;
    fc.assert(
      fc.property(text, (t) => {
        const expected = [...t.matchAll(/[A-Za-z0-9+/]{24,}={0,2}/g)]
          .filter((m) => {
            const body = m[0].replace(/=+$/, '');
            return (
              body.length % 4 !== 1 &&
              [...Buffer.from(m[0].slice(0, 12), 'base64')].every(
                (b) => (b >= 0x20 && b < 0x7f) || b === 9 || b === 10 || b === 13,
              )
            );
          })
          .map((m) => [m.index, m.index + m[0].length]);
        found += expected.length;
        expect(base64Runs(t).map((r) => [r.start, r.end])).toEqual(expected);
        expect(base64RunsInBytes(Buffer.from(t)).map((r) => [r.start, r.end])).toEqual(expected);
      }),
      { numRuns: runs(2000) },
    );
    expect(found).toBeGreaterThan(200);
  });

  it('finds every run of 24 or more base64 characters that starts as ASCII text, as a plain scan would', () => {
    let textRuns = 0;
    const startsAsText = (run: string) =>
      [...Buffer.from(run.slice(0, 12), 'base64')].every(
        (b) => (b >= 0x20 && b < 0x7f) || b === 9 || b === 10 || b === 13,
      );
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/ .:"=\n';
    for (let seed = 1; seed < 60; seed++) {
      let x = seed;
      let text = '';
      for (let i = 0; i < 600; i++) {
        x = (x * 1103515245 + 12345) % 2147483648;
        // Long stretches of base64 characters, broken now and then; some of them base64 of text.
        const r = (x >> 8) % 1000;
        text += r < 40 ? alphabet[64 + (r % 6)]! : r < 45 ? ` ${b64(`user:password-${r}-word`)} ` : alphabet[r % 64]!;
      }
      const expected = [...text.matchAll(/[A-Za-z0-9+/]{24,}={0,2}/g)]
        .filter((m) => m[0].replace(/=+$/, '').length % 4 !== 1 && startsAsText(m[0]))
        .map((m) => [m.index, m.index + m[0].length]);
      textRuns += expected.length;
      expect(base64Runs(text).map((r) => [r.start, r.end])).toEqual(expected);
      expect(base64RunsInBytes(Buffer.from(text)).map((r) => [r.start, r.end])).toEqual(expected);
    }
    expect(textRuns).toBeGreaterThan(50);
  });

  it('decodes only what decodes to text', () => {
    expect(decodeBase64Text(b64('user:correct-horse-battery'))?.text).toBe('user:correct-horse-battery');
    expect(decodeBase64Text(noise(48).toString('base64'))).toBeUndefined();
    // Hex digests and identifiers are base64 characters too; they decode to bytes that are not text.
    expect(decodeBase64Text('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08')).toBeUndefined();
    expect(decodeBase64Text('DefaultServiceGetCsrfToken')).toBeUndefined();
  });
});

describe('base64-encoded credentials', () => {
  it('finds a token in a Kubernetes Secret, located at the encoded value and attributed to its provider', () => {
    const token = fakeHfToken(71);
    const text = [
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: hub',
      'type: Opaque',
      'data:',
      `  HF_TOKEN: ${b64(token)}`,
      '',
    ].join('\n');
    const { findings } = scanFile('k8s/secret.yaml', text);
    expect(findings.map((f) => [f.ruleId, f.provider, f.line, f.column])).toEqual([
      ['huggingface-user-token', 'huggingface', 7, 13],
    ]);
    expect(findings[0]!.message).toMatch(/base64-encoded/);
    expect(findings[0]!.secret).toBe(token);
    expect(findings[0]!.endColumn).toBe(13 + b64(token).length);
  });

  it('finds a registry token inside a .dockerconfigjson (base64 inside base64)', () => {
    const token = fakeGithubToken();
    const config = JSON.stringify({ auths: { 'ghcr.io': { auth: b64(`octocat:${token}`) } } });
    const text = [
      'kind: Secret',
      'type: kubernetes.io/dockerconfigjson',
      'data:',
      `  .dockerconfigjson: ${b64(config)}`,
      '',
    ].join('\n');
    const { findings } = scanFile('pull-secret.yaml', text);
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([['github-token', 4]]);
    expect(findings[0]!.secret).toBe(token);
    expect(findings[0]!.message).toMatch(/base64-encoded/);
  });

  it('finds a token sent as a Basic auth password', () => {
    const token = fakeHfToken(72);
    const { findings } = scanFile(
      'fetch.sh',
      `curl -H "Authorization: Basic ${b64(`me:${token}`)}" https://huggingface.co/api/whoami\n`,
    );
    expect(findings.map((f) => [f.ruleId, f.column, f.endColumn])).toEqual([
      ['huggingface-user-token', 31, 31 + b64(`me:${token}`).length],
    ]);
  });

  it('finds it through the byte triage that history scans use', () => {
    const data = Buffer.from(`data:\n  token: ${b64(fakeHfToken(73))}\n`);
    expect(engine.triage('secret.yaml', data)).toBe('scan');
    expect(engine.scanBytes('secret.yaml', data, origin)!.map((f) => f.ruleId)).toEqual(['huggingface-user-token']);
  });

  it('stays quiet on base64 that is an image, or text without a credential', () => {
    const svg = `<svg><image href="data:image/png;base64,${noise(3000).toString('base64')}"/></svg>\n`;
    const config = [
      'kind: ConfigMap',
      'binaryData:',
      `  settings: ${b64('log_level: info\nreplicas: 3\nregion: eu-west-1\n')}`,
      '',
    ].join('\n');
    const data = Buffer.from(svg + config);
    expect(engine.triage('chart.svg', data)).toBe('clean');
    expect(scanFile('chart.svg', data).findings).toEqual([]);
  });

  it('does not decode deeper than base64 inside base64', () => {
    const token = fakeHfToken(74);
    const thrice = b64(`a: ${b64(`b: ${b64(`c: ${token}`)}`)}`);
    expect(scanFile('deep.txt', `v: ${thrice}\n`).findings).toEqual([]);
    expect(scanFile('two.txt', `v: ${b64(`b: ${b64(`c: ${token}`)}`)}\n`).findings.map((f) => f.secret)).toEqual([
      token,
    ]);
  });
});

describe('UTF-16 without a byte-order mark', () => {
  it('is decoded and scanned, in either byte order', () => {
    const token = fakeHfToken(75);
    const text = `# settings\r\nHF_TOKEN=${token}\r\n`;
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    for (const data of [le, be]) {
      const { findings, stats } = scanFile('settings.ps1', data);
      expect(findings.map((f) => [f.ruleId, f.line, f.secret])).toEqual([['huggingface-user-token', 2, token]]);
      expect(stats.skippedBinary).toBe(0);
      expect(engine.triage('settings.ps1', data)).toBe('scan');
    }
  });

  it('leaves binaries with NUL bytes binary', () => {
    const bin = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]), noise(4000)]);
    expect(scanFile('a.out', bin).stats.skippedBinary).toBe(1);
    expect(engine.triage('a.out', bin)).toBe('binary');
  });
});

describe('tokens split across string literals', () => {
  const token = fakeHfToken(76);
  const [a, b, c] = [token.slice(0, 12), token.slice(12, 25), token.slice(25)];

  it('joins literals adjacent through + in JavaScript', () => {
    const { findings } = scanFile(
      'client.js',
      `const hub = "${a}" + "${b}" +\n  '${c}';\nfetch(url, { headers: { Authorization: hub } });\n`,
    );
    expect(findings.map((f) => [f.ruleId, f.line, f.column, f.endLine, f.secret])).toEqual([
      ['huggingface-user-token', 1, 14, 2, token],
    ]);
    expect(findings[0]!.message).toMatch(/split across joined string literals/);
  });

  it('joins Python implicit concatenation across lines in brackets', () => {
    const data = Buffer.from(`login(token=(\n    "${a}"\n    "${b}"\n    "${c}"\n))\n`);
    expect(engine.triage('train.py', data)).toBe('scan');
    expect(scanFile('train.py', data).findings.map((f) => [f.line, f.secret])).toEqual([[2, token]]);
  });

  it('joins literals in a file with non-ASCII text (the byte hits moved to UTF-16 offsets)', () => {
    const data = Buffer.from(`# café → 日本 😀\nhub = ("${a}" "${b}" "${c}")  # naïve\n`);
    expect(engine.triage('hub.py', data)).toBe('scan');
    expect(scanFile('hub.py', data).findings.map((f) => [f.line, f.column, f.secret])).toEqual([[2, 9, token]]);
  });

  it('reports a token whole in one literal once, and joins nothing in other files', () => {
    expect(scanFile('one.py', `t = "${token}" + "\\n"\n`).findings).toHaveLength(1);
    expect(scanFile('notes.md', `"${a}" + "${b}" + "${c}"\n`).findings).toEqual([]);
  });

  it('stays quiet on ordinary concatenation', () => {
    const code = `msg = "hf_" + "hub" + " login failed: " + err\nurl = 'https://' + host + '/api'\nprint("it's" 'fine')\n`;
    expect(joinedLiterals(code).map((v) => v.text)).toEqual(['hf_hub login failed: ', "it'sfine"]);
    expect(scanFile('app.py', code).findings).toEqual([]);
  });
});

/**
 * Whether a literal may close after `from` on its line and be joined: read
 * afresh from `from` (the reference the scout must agree with): a quote
 * within reach, then whitespace with at most one `+` or `\\`, at most 80 in
 * all and at least one, then a quote.
 */
function joinMayFollowPlain(text: string, from: number): boolean {
  const quote = (c: string | undefined) => c === '"' || c === "'" || c === '`';
  for (let j = from; j < Math.min(text.length, from + 4 * 257); j++) {
    if (text[j] === '\n') return false;
    if (!quote(text[j])) continue;
    let i = j + 1;
    let joiner = false;
    const limit = Math.min(text.length, i + 80);
    while (i < limit && (/[ \t\r\n]/.test(text[i]!) || (!joiner && (text[i] === '+' || text[i] === '\\')))) {
      if (!/[ \t\r\n]/.test(text[i]!)) joiner = true;
      i++;
    }
    if (i < limit && i > j + 1 && quote(text[i])) return true;
  }
  return false;
}

describe('the look for a join after each keyword hit', () => {
  const piece = fc.constantFrom(
    '"',
    "'",
    '`',
    ' ',
    '  ',
    '+',
    '\\',
    '\n',
    'key',
    'x',
    'ab',
    '\t',
    '"a" + "b"',
    ' '.repeat(79),
  );
  const line = fc.array(piece, { maxLength: 120 }).map((p) => p.join(''));

  it('answers, for offsets asked in order, what a fresh read from each says', () => {
    fc.assert(
      fc.property(line, fc.array(fc.nat(), { maxLength: 40 }), (text, picks) => {
        const offsets = picks.map((p) => p % (text.length + 1)).sort((x, y) => x - y);
        const scout = new JoinScout(text);
        const bytes = new JoinScout(Buffer.from(text));
        for (const at of offsets) {
          expect(scout.mayFollow(at)).toBe(joinMayFollowPlain(text, at));
          expect(bytes.mayFollow(at)).toBe(joinMayFollowPlain(text, at));
        }
      }),
      { numRuns: runs(3000) },
    );
  });

  it('finds a split token after thousands of hits on one long line', () => {
    const token = fakeHfToken(77);
    const line = `${'a.key=b;'.repeat(4000)}const hub = "${token.slice(0, 12)}" + "${token.slice(12)}";${'c.token=d;'.repeat(3000)}`;
    const data = Buffer.from(`${line}\n`);
    expect(engine.triage('bundle.min.js', data)).toBe('scan');
    expect(scanFile('bundle.min.js', data).findings.map((f) => f.secret)).toEqual([token]);
  });
});

describe('the byte triage and the views', () => {
  const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);
  const token = fc.integer({ min: 1, max: 500 }).map((n) => fakeHfToken(n));
  // Pieces of a token split by every joiner the view knows, and by some it must not join across.
  const split = fc
    .tuple(
      token,
      fc.integer({ min: 1, max: 36 }),
      pick('"', "'", '`'),
      pick(' + ', '+', ' ', '\n    ', ' +\n ', ' \\\n ', ', ', ' - ', ''),
    )
    .map(([t, at, q, joiner]) => `${q}${t.slice(0, at)}${q}${joiner}${q}${t.slice(at)}${q}`);
  const encoded = fc
    .tuple(token, pick('', 'user:', 'HF_TOKEN=', '{"auth":"'), pick('', '\n', '"}'), pick(' ', ': ', '"', 'x', '=='))
    .map(([t, pre, post, before]) => `${before}${b64(pre + t + post)}`);
  // Non-ASCII text too: there the byte hits are moved to UTF-16 offsets for the joined view.
  const noise = pick(
    'x = 1',
    'key',
    'token: ',
    '"',
    "'",
    '+',
    'hf_',
    'dGVzdA==',
    'Basic ',
    '\n',
    'café',
    '→ "日本" ',
    '😀',
  );
  const text = fc.array(fc.oneof(split, encoded, noise), { maxLength: 6 }).map((parts) => parts.join(' '));

  it('says clean only when the text path finds nothing, and finds what it finds', () => {
    fc.assert(
      fc.property(text, pick('app.py', 'app.js', 'secret.yaml', 'notes.md'), (body, path) => {
        const data = Buffer.from(body);
        const scanned = engine.scanEveryHit({ path, text: body, startLine: 1, origin });
        if (engine.triage(path, data) === 'clean') expect(scanned.map((f) => f.ruleId)).toEqual([]);
        expect(engine.scanBytes(path, data, origin)).toEqual(scanned);
      }),
      { numRuns: runs(1500) },
    );
  });
});
