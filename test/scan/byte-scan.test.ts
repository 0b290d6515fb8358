// The fast paths of a scan: keywords found in bytes, only the lines around
// hits decoded, windows cut around hits on long lines, diff output split as it
// arrives, and big histories read and prefiltered on a worker thread. Each
// must give exactly what the plain text path gives.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BYTE_SEARCH_FROM, Engine } from '../../src/scan/engine.js';
import { KeywordMatcher } from '../../src/scan/keywords.js';
import { decode, hitRegions, utf16Offsets } from '../../src/scan/text.js';
import { CommitSplitter, splitCommits } from '../../src/sources/diff/patch.js';
import type { ContentRule } from '../../src/types.js';
import { allRules } from '../../rules/index.js';
import { commit, fakeHfToken, leaklint, runs, spyRule, tempRepo } from '../helpers.js';

const origin = { kind: 'worktree' } as const;

/** A spy whose findings carry a secret that passes the placeholder filter. */
const secretSpy = (id: string, keywords: string[], needle: RegExp, extra: Partial<ContentRule> = {}) =>
  spyRule(id, keywords, needle, extra, (m) => `${m}Q7r2Zk9w`);

const spies = [
  secretSpy('spy-line', ['needle'], /needle\w*/).rule,
  secretSpy('spy-context', ['pair'], /pair[^\n]*\n[^\n]*/, { contextLines: 2 }).rule,
];

function viaText(engine: Engine, path: string, data: Uint8Array) {
  const d = decode(data);
  return d.kind === 'text' ? engine.scanEveryHit({ path, text: d.text, startLine: 1, origin }) : undefined;
}

describe('scanning bytes', () => {
  const engine = new Engine([...allRules, ...spies]);
  const token = fakeHfToken(21);
  const samples: Record<string, Buffer> = {
    ascii: Buffer.from(`import os\n\nHF = "${token}"\nneedle here\nx\npair one\nnext line\n`),
    'nothing to find': Buffer.from('const a = 1;\nconst b = 2;\n'.repeat(100)),
    'keywords but no match': Buffer.from('const tokenizer = key + pass;\n'.repeat(100)),
    'non-ASCII before the hits': Buffer.from(`# naïve café 😀 ✓\nval = "日本語" needleA\nHF = "${token}"\n`),
    'invalid UTF-8': Buffer.concat([
      Buffer.from('a = "'),
      Buffer.from([0xe2, 0x82, 0x41, 0xff]),
      Buffer.from(`" needleB\nHF = "${token}"\n`),
    ]),
    CRLF: Buffer.from(`line one\r\nneedleC x\r\npair a\r\nb\r\nHF = "${token}"\r\n`),
    'lone CR': Buffer.from(`progress 1\rprogress needleD\rpair\rq\nHF = "${token}"\r`),
    'UTF-8 BOM': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`needleE\nHF = "${token}"\n`)]),
    'UTF-16 BOM': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`needleF\nHF = "${token}"\n`, 'utf16le')]),
    'long minified line': Buffer.from(
      `${'a=b;'.repeat(5000)}needleG${'c=d;'.repeat(5000)}"${token}"${'e;'.repeat(3000)}needleH\n`,
    ),
    'long lines of multi-byte characters': Buffer.from(
      `${'日本語'.repeat(3000)}needleJ${'é😀'.repeat(2000)}"${token}"${'✓'.repeat(3000)}needleK\n${'ü'.repeat(5000)}\n${'ö'.repeat(4000)}pair${'ä'.repeat(4000)}\nnext\n`,
    ),
    'long line of invalid UTF-8 and lone CRs': Buffer.concat([
      Buffer.from('é'.repeat(3000)),
      Buffer.from([0xe2, 0x82, 0x41, 0xff, 0x80, 0x80]),
      Buffer.from(`\r${'ß'.repeat(2000)}needleL\r${'x'.repeat(4000)}pair\r1\r2\rHF = "${token}"\r`),
    ]),
    'hits in the middle of a long file': Buffer.from(
      `${'x = 1\n'.repeat(3000)}pair x\ny\nz\nneedleI\n${'y = 2\n'.repeat(3000)}`,
    ),
  };

  for (const [name, data] of Object.entries(samples)) {
    it(`finds what the text path finds: ${name}`, () => {
      expect(engine.scanBytes('src/app.txt', data, origin)).toEqual(viaText(engine, 'src/app.txt', data));
    });
  }

  it('finds the secret with its line and column', () => {
    const [f] = new Engine(allRules).scanBytes('settings.py', samples.ascii!, origin)!;
    expect(f).toMatchObject({ ruleId: 'huggingface-user-token', line: 3, column: 7 });
  });

  it('says binary for a NUL in the first bytes', () => {
    expect(engine.scanBytes('a.bin', Buffer.from([0x6e, 0x65, 0x65, 0, 1, 2]), origin)).toBeUndefined();
  });

  it('finds the same keywords in bytes as in text, at byte offsets', () => {
    const m = new KeywordMatcher(['token', 'key', '://']);
    const text = 'TOKEN=1 é key http://x tokenkey';
    const bytes = Buffer.from(text);
    const fromText = m.search(text).map((h) => [h.keyword, Buffer.byteLength(text.slice(0, h.start))]);
    expect(m.searchBytes(bytes).map((h) => [h.keyword, h.start])).toEqual(fromText);
  });

  it('maps byte offsets to UTF-16 offsets', () => {
    const text = 'aé😀b✓c';
    const bytes = Buffer.from(text);
    const at = [0, 1, 3, 7, 8, 11];
    const units = utf16Offsets(bytes, at);
    expect(at.map((b) => units.get(b))).toEqual(at.map((b) => bytes.subarray(0, b).toString('utf8').length));
  });

  it('regions hold whole lines with context, merged when they touch', () => {
    const bytes = Buffer.from('l0\nl1 hit\nl2\nl3\nl4\nl5 hit\nl6\n');
    const hits = [...bytes.toString().matchAll(/hit/g)].map((m) => ({ keyword: 0, start: m.index! }));
    const text = (r: [number, number]) => bytes.subarray(r[0], r[1]).toString();
    expect(hitRegions(bytes, hits, [0]).map(text)).toEqual(['l1 hit', 'l5 hit']);
    expect(hitRegions(bytes, hits, [1]).map(text)).toEqual(['l0\nl1 hit\nl2', 'l4\nl5 hit\nl6']);
    // The empty line after the last newline is a line too, as in the text path.
    expect(hitRegions(bytes, hits, [2]).map(text)).toEqual(['l0\nl1 hit\nl2\nl3\nl4\nl5 hit\nl6\n']);
  });

  it('regions reach only so far either side of a hit, to a character boundary', () => {
    const bytes = Buffer.from(`${'é'.repeat(50)}hit${'ü'.repeat(50)}\nshort hit\n`);
    const hits = [...bytes.toString('latin1').matchAll(/hit/g)].map((m) => ({ keyword: 0, start: m.index! }));
    const text = (r: [number, number]) => bytes.subarray(r[0], r[1]).toString();
    expect(hitRegions(bytes, hits, [0], [11]).map(text)).toEqual([`${'é'.repeat(6)}hit${'ü'.repeat(4)}`, 'short hit']);
  });
});

describe('hits no rule can use', () => {
  const engine = new Engine(allRules);
  const alnum = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const random = (n: number) => fc.string({ unit: fc.constantFrom(...alnum.split('')), minLength: n, maxLength: n });
  const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);
  const space = pick('', ' ', '  ', '\t', '\n', '\r\n', '\r', '\u00a0', '\u3000');
  const hex32 = fc.string({ unit: pick(...'0123456789abcdef'.split('')), minLength: 32, maxLength: 32 });
  const value = fc.oneof(
    random(24),
    random(32).map((r) => `${r}9`),
    hex32,
    pick('x', 'changeme', 'é字'),
  );
  // Near misses of what the rules need around `token`, `key`, `://`, `as-`: every part may be there, missing or broken.
  const assignment = fc
    .tuple(
      pick('', 'MY_', 'app.', 'x-', 'é'),
      pick(
        'token',
        'api_key',
        'PASSWORD',
        'auth.token',
        'secret',
        'keys',
        'Token',
        'apiKey',
        'ACCESS-KEY',
        'master_key',
        'monkey',
        'key',
        'passphrase',
        'Passwd',
        'passed',
        'pass',
        'AUTH',
        'author',
        'authentic',
        'pwd',
        'credentials',
      ),
      pick('', 's', '_id', 'izer', '-x', 'é'),
      pick('', '"', "'", ']', '"]'),
      space,
      pick('=', ':', ':=', '=>', '', '(', '.', '\\n='),
      space,
      pick('', '"', "'", '`'),
      value,
      pick('', '"', "'", ';', '\n'),
    )
    .map((parts) => parts.join(''));
  const url = fc
    .tuple(
      pick('https', 'redis', 'postgres', 'x'),
      pick('://', ':/', '://'),
      fc.oneof(pick('user', 'u s', 'é', ''), random(4), hex32),
      pick(':', '', '::'),
      fc.oneof(random(12), value),
      pick('@', '', '/@', ' @'),
      pick('db.internal', 'example.com', 'o1.ingest.sentry.io/42'),
    )
    .map((parts) => parts.join(''));
  const modal = fc
    .tuple(
      pick('', ' ', 'x', '_', '\\n', '\\x', 'é'),
      pick('as-', 'ak-', 'AS-', 'at-'),
      fc.oneof(random(22), random(21), random(23)),
      pick('', ' ', '-', '_', 'é', '\n'),
    )
    .map((parts) => parts.join(''));
  const text = fc
    .array(fc.tuple(fc.oneof(assignment, url, modal), space), { maxLength: 8 })
    .map((parts) => parts.flat().join(''));

  it('are passed over only when the text path finds nothing they could have given', () => {
    fc.assert(
      fc.property(text, fc.constantFrom('settings.py', 'config.yml', '.env', 'notes.txt'), (body, path) => {
        const data = Buffer.from(body);
        const verdict = engine.triage(path, data);
        const found = viaText(engine, path, data) ?? [];
        if (verdict === 'clean') expect(found).toEqual([]);
        expect(engine.scanBytes(path, data, origin)).toEqual(viaText(engine, path, data));
      }),
      { numRuns: runs(3000) },
    );
  });

  it("are passed over in a chunk of text (a diff's lines) only when every hit's window finds nothing more", () => {
    const wide = pick('', 'é', '日本', '😀', '\ud800', '\r', '\r', 'x\ny', '日本語😀'.repeat(500));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(wide, text, wide), { maxLength: 4 }).map((parts) => parts.flat().join('')),
        fc.constantFrom('settings.py', 'config.yml', '.env', 'bundle.js'),
        (body, path) => {
          const chunk = { path, text: body, startLine: 3, origin };
          expect(engine.scanAsBytes(chunk)).toEqual(engine.scanEveryHit(chunk));
        },
      ),
      { numRuns: runs(2000) },
    );
  });

  it('are passed over in a chunk as long as a minified bundle, which is searched as bytes', () => {
    const token = fakeHfToken(22);
    const line = `${'a.key=b;c.token(d);'.repeat(BYTE_SEARCH_FROM / 19)}const HF = "${token}";é\n`;
    const chunk = { path: 'dist/app.min.js', text: `${line}x = 1\n`, startLine: 1, origin };
    const found = engine.scan(chunk);
    expect(found.map((f) => f.ruleId)).toContain('huggingface-user-token');
    expect(found).toEqual(engine.scanEveryHit(chunk));
  });

  it('are the names never assigned and the URLs without credentials', () => {
    const names = Buffer.from('const keys = Object.keys(tokens); onKeyDown(token.type); see https://example.org/a\n');
    expect(engine.triage('app.txt', names)).toBe('clean');
    const assigned = Buffer.from(`TOKEN = "${'Zq7Xw2Lp9Rt4Vb6Nc8Md3Kf5'}"\n`);
    expect(engine.triage('app.txt', assigned)).toBe('scan');
  });
});

describe('windows on long lines', () => {
  it('hand rules the text around each hit, not the whole line', () => {
    const spy = secretSpy('spy-window', ['needle'], /needle/);
    const line = `${'x'.repeat(20000)}needle${'y'.repeat(20000)}needle${'z'.repeat(20000)}`;
    const found = new Engine([spy.rule]).scan({ path: 'bundle.min.js', text: `${line}\n`, startLine: 1, origin });
    expect(found.map((f) => f.column)).toEqual([20001, 40007]);
    expect(spy.windows).toHaveLength(2);
    for (const w of spy.windows) expect(w.length).toBeLessThan(2000);
  });

  it('are the same on the byte path, which decodes only the bytes around hits', () => {
    const quiet = (id: string, extra: Partial<ContentRule> = {}) => spyRule(id, ['needle', 'pair'], /(?!)/, extra);
    const cases = [
      `${'日本語'.repeat(3000)}needle${'é😀'.repeat(2000)}pair${'✓'.repeat(3000)}needle\n`,
      `${'ü'.repeat(5000)}\n${'ö'.repeat(4000)}pair${'ä'.repeat(4000)}\nnext\n${'😀'.repeat(9000)}\n`,
      `${'a'.repeat(1500)}needle${'b'.repeat(1100)}needle${'c'.repeat(3000)}\r\n${'é'.repeat(2000)}pair\r\n`,
    ];
    for (const text of cases) {
      const [byBytes, byText] = [quiet('spy-bytes'), quiet('spy-text')];
      const [wideBytes, wideText] = [
        quiet('spy-wide-bytes', { contextLines: 2 }),
        quiet('spy-wide-text', { contextLines: 2 }),
      ];
      expect(new Engine([byBytes.rule, wideBytes.rule]).scanBytes('bundle.min.js', Buffer.from(text), origin)).toEqual(
        [],
      );
      new Engine([byText.rule, wideText.rule]).scan({
        path: 'bundle.min.js',
        text: text.replace(/\r\n?/g, '\n'),
        startLine: 1,
        origin,
      });
      expect(byBytes.windows).toEqual(byText.windows);
      expect(wideBytes.windows).toEqual(wideText.windows);
      expect(byText.windows.length).toBeGreaterThan(0);
    }
  });

  it('keep whole lines of ordinary length', () => {
    const spy = secretSpy('spy-window', ['needle'], /needle/);
    const line = `${'x'.repeat(300)} needle ${'y'.repeat(300)}`;
    new Engine([spy.rule]).scan({ path: 'a.js', text: `a\n${line}\nb\n`, startLine: 1, origin });
    expect(spy.windows).toEqual([line]);
  });
});

describe('splitting diff-tree output as it arrives', () => {
  const sha = (n: number) => n.toString(16).padStart(40, 'a');
  const output = [
    `${sha(1)}\0:100644 100644 ${'1'.repeat(40)} ${'2'.repeat(40)} M\0a.txt\0\0diff --git a/a.txt b/a.txt\n+x\n`,
    `${sha(2)}\0${'y'.repeat(5000)}\n`,
    `${sha(3)}\0\n`,
    `${sha(4)}\0${sha(5)}\0tail`,
  ].join('');

  it('gives the sections splitCommits gives, however the output is cut', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: output.length }), { maxLength: 30 }), (cuts) => {
        const points = [...new Set([0, ...cuts, output.length])].sort((a, b) => a - b);
        const splitter = new CommitSplitter();
        const got = [];
        for (let i = 1; i < points.length; i++) got.push(...splitter.push(output.slice(points[i - 1], points[i])));
        got.push(...splitter.end());
        expect(got).toEqual(splitCommits(output));
      }),
      { numRuns: 300 },
    );
  });
});

describe('a history big enough for the worker thread', () => {
  it('reports what a scan of the same files reports', () => {
    const repo = tempRepo();
    const files: Record<string, string | Buffer> = {};
    // Enough unique blobs for the off-thread path (2000): clean ones, ones with keywords, a binary.
    for (let i = 0; i < 2100; i++)
      files[`src/f${i}.txt`] = i % 3 === 0 ? `const token${i} = read(key);\n` : `value ${i}\n`;
    files['bin/blob.dat'] = Buffer.from([0, 1, 2, 3, 4, 5]);
    files['config/app.yml'] = `name: app\nhf: ${fakeHfToken(31)}\n`;
    files['config/win.ini'] = `[a]\r\nx = 1\r\nHF = "${fakeHfToken(32)}"\r\n`;
    files['docs/ü.md'] = `Grüße ✓\n\`${fakeHfToken(33)}\`\n`;
    files['nb/analysis.ipynb'] = JSON.stringify({
      cells: [{ cell_type: 'code', source: [`t = "${fakeHfToken(34)}"\n`], outputs: [] }],
    });
    commit(repo, files, 'many files');
    // Workers asked for: a repository this small is otherwise read on the main thread (see workerPlan).
    const history = leaklint(['history', '-f', 'json', '--show-secrets'], {
      cwd: repo,
      env: { LEAKLINT_WORKERS: '2' },
    });
    const tree = leaklint(['files', '-f', 'json', '--show-secrets'], { cwd: repo });
    expect(history.status, history.stderr).toBe(1);
    const project = (out: string) => {
      const report = JSON.parse(out);
      const findings = report.findings
        .map((f: Record<string, unknown>) => [f.ruleId, f.file, f.line, f.column, f.secret, f.cell].join(' '))
        .sort();
      return { findings, files: report.summary.filesScanned, binary: report.summary.skippedBinary };
    };
    const fromHistory = project(history.stdout);
    expect(fromHistory.findings).toHaveLength(4);
    expect(fromHistory).toEqual(project(tree.stdout));
  }, 60000);

  it('runs the project configuration on the worker threads too: its own rules, none of its disabled ones', () => {
    const repo = tempRepo();
    const acme = `acme_${'Zq7Xw2Lp9Rt4Vb6Nc8Md3Kf5Hj1Gs0Ye'}`;
    const files: Record<string, string> = {
      'leaklint.config.json': JSON.stringify({
        disabledRules: ['huggingface-user-token'],
        rules: [
          {
            id: 'acme-api-key',
            provider: 'acme',
            title: 'ACME key',
            regex: 'acme_[A-Za-z0-9]{32}',
            keywords: ['acme_'],
            severity: 'error',
            remediation: { rotate: 'r', store: 's', read: 'e' },
          },
        ],
      }),
    };
    for (let i = 0; i < 2100; i++) files[`src/f${i}.txt`] = `value ${i}\n`;
    files['deep/one.txt'] = `key = "${acme}"\n`;
    files['deep/two.txt'] = `hf = "${fakeHfToken(35)}"\n`;
    commit(repo, files, 'many files');
    const history = leaklint(['history', '-f', 'json'], { cwd: repo, env: { LEAKLINT_WORKERS: '2' } });
    expect(history.status, history.stderr).toBe(1);
    const found = JSON.parse(history.stdout).findings.map(
      (f: { ruleId: string; file: string }) => `${f.ruleId} ${f.file}`,
    );
    expect(found).toEqual(['acme-api-key deep/one.txt']);
  }, 60000);

  it('reports the same findings in the same order on every run, whatever the number of workers and whichever answers first', () => {
    const repo = tempRepo();
    const files: Record<string, string> = {};
    for (let i = 0; i < 2100; i++)
      files[`src/f${i}.txt`] = i % 150 === 0 ? `HF_TOKEN = "${fakeHfToken(100 + i)}"\n` : `value ${i}\n`;
    commit(repo, files, 'many files');
    const big: Record<string, string> = {};
    for (let i = 0; i < 20; i++) big[`big/b${i}.txt`] = `${'x'.repeat(3000)} ${i}\n`;
    commit(repo, big, 'big files');
    // Scanned in full wherever they are read: notebooks (cells), a broken one (a warning), an accepted line.
    const cell = (source: string) =>
      JSON.stringify({ cells: [{ cell_type: 'code', source: [source], outputs: [], metadata: {} }], metadata: {} });
    commit(
      repo,
      {
        'nb/one.ipynb': cell(`import os\nos.environ["HF_TOKEN"] = "${fakeHfToken(97)}"\n`),
        'nb/broken.ipynb': `{"cells": [ HF_TOKEN = "${fakeHfToken(98)}"\n`,
        'src/accepted.txt': `HF_TOKEN = "${fakeHfToken(99)}" # leaklint:allow\n`,
      },
      'notebooks',
    );
    // LEAKLINT_WORKERS: the default (one worker per core), one worker, none (all on the main thread), four.
    const runs = [undefined, '1', '0', '4'].map((workers) =>
      leaklint(['history', '-f', 'json', '--max-file-size', '2000'], { cwd: repo, env: { LEAKLINT_WORKERS: workers } }),
    );
    for (const r of runs) expect(r.status, r.stderr).toBe(1);
    type Reported = { file: string; line: number; column: number; commit: string; cell?: number };
    const shape = (out: string) => {
      const report = JSON.parse(out);
      const place = (f: Reported) =>
        `${f.file}:${f.line}:${f.column}${f.cell === undefined ? '' : ` cell ${f.cell}`} ${f.commit}`;
      return {
        findings: report.findings.map(place),
        suppressed: report.suppressed.map(place),
        warnings: report.summary.warnings,
      };
    };
    const first = shape(runs[0]!.stdout);
    // History order: the first commit's findings by file, then the notebooks' commit.
    const inFirstCommit = first.findings.filter((f: string) => f.startsWith('src/f'));
    expect(inFirstCommit).toEqual([...inFirstCommit].sort());
    expect(first.findings.slice(0, inFirstCommit.length)).toEqual(inFirstCommit);
    expect(first.findings).toHaveLength(16);
    expect(first.findings.filter((f: string) => f.startsWith('nb/'))).toHaveLength(2);
    expect(first.suppressed.filter((f: string) => f.startsWith('src/accepted.txt'))).toHaveLength(1);
    expect(first.warnings.some((w: string) => w.startsWith('nb/broken.ipynb: not valid notebook JSON'))).toBe(true);
    expect(first.warnings.filter((w: string) => w.startsWith('skipped big/'))).toHaveLength(20);
    for (const r of runs.slice(1)) expect(shape(r.stdout)).toEqual(first);
  }, 60000);
});
