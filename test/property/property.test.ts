// Property tests: every parser and decoder leaklint feeds untrusted bytes to
// is given random, truncated and adversarial input. Each must return (never
// throw, never hang) and still find a token planted wherever its format
// allows. `npm test` runs a bounded number of cases; `npm run fuzz` sets
// LEAKLINT_FUZZ_RUNS for a longer run.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { decode, normaliseEol } from '../../src/scan/text.js';
import { parseRawPatch, splitCommits } from '../../src/sources/diff/patch.js';
import { CatFileBatchReader } from '../../src/git/git.js';
import type { BlobResult } from '../../src/git/git.js';
import { LogRawReader } from '../../src/sources/history/walk.js';
import { pathsOf } from '../../src/sources/history/dedupe.js';
import { ownCopy } from '../../src/util/latin1.js';
import { fileDiffItems } from '../../src/sources/diff/items.js';
import { notebookChunks } from '../../src/scan/notebook.js';
import { ConfigError, loadConfig, parseConfig } from '../../src/config/config.js';
import { isValidOrgToken } from '../../rules/sentry.js';
import { Engine } from '../../src/scan/engine.js';
import { DEFAULT_MAX_FILE_SIZE, Scanner } from '../../src/scan/scanner.js';
import { allRules } from '../../rules/index.js';
import { reporters } from '../../src/report/formats/index.js';
import { ROOT, fakeHfToken, runs, tempDir } from '../helpers.js';

// fast-check prints the seed of a failing run; LEAKLINT_FUZZ_SEED replays it.
if (process.env.LEAKLINT_FUZZ_SEED) fc.configureGlobal({ seed: Number(process.env.LEAKLINT_FUZZ_SEED) });
const FUZZ_TIMEOUT = Number(process.env.LEAKLINT_FUZZ_RUNS ?? 0) > 0 ? 600_000 : 60_000;

const engine = new Engine(allRules);
const origin = { kind: 'worktree' } as const;

function scanBytes(path: string, data: Uint8Array) {
  const scanner = new Scanner(engine, { moment: 'files', maxFileSize: DEFAULT_MAX_FILE_SIZE });
  scanner.add({ type: 'file', path, origin, data });
  return scanner.result();
}

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/**
 * A fake Hugging Face token (letters only, as real ones are) from a seed, kept
 * only when the scanner reports it standing alone: a few seeds give values the
 * placeholder filter rightly drops (`…Mock`, `hf_Test…`), and those say nothing
 * about whether the surrounding format hides a token.
 */
const hfToken = fc
  .integer({ min: 1, max: 1_000_000 })
  .map((seed) => fakeHfToken(seed))
  .filter((token) => scanBytes('alone.txt', Buffer.from(`HF = "${token}"\n`)).findings.some((f) => f.secret === token));
/** Text that is not part of a token: it never ends or starts with a token character. */
const noise = fc.string({
  unit: fc.constantFrom(...' \t\n\r\r\n=:"\'`,;()[]{}<>#/\\-.é字😀\u0000'.split(''), 'a', 'Z', '9'),
  maxLength: 200,
});
const edgeLeft = fc.constantFrom(' ', '\n', '"', "'", '=', ':', '(', '\t', '\r\n', '\r', '`');
const edgeRight = fc.constantFrom(' ', '\n', '"', "'", ',', ')', ';', '\t', '\r\n', '\r', '`');
/** Random text with no NUL (which would make the file binary). */
const textAround = noise.map((s) => s.replace(/\u0000/g, ''));

/** Line and column (1-based) of `offset` in `text` after line-ending normalisation. */
function position(before: string): { line: number; column: number } {
  const norm = normaliseEol(before);
  const lines = norm.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

function utf16(text: string, order: 'le' | 'be', bom: boolean): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const body = order === 'le' ? le : Buffer.from(le).swap16();
  const mark = order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return bom ? Buffer.concat([Buffer.from(mark), body]) : body;
}

describe('text decoding (UTF-8, UTF-16, line endings, binary sniffing)', () => {
  it('never throws on random bytes, and never leaves a CR behind', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), (bytes) => {
        const d = decode(bytes);
        if (d.kind === 'text') expect(d.text.includes('\r')).toBe(false);
      }),
      { numRuns: runs(200) },
    );
  });

  it('invalid UTF-8 and lone surrogates decode to U+FFFD, not an error', () => {
    const invalid = fc
      .uint8Array({ minLength: 1, maxLength: 64 })
      .map((b) => Buffer.concat([Buffer.from('ok '), Buffer.from(b.map((x) => x | 0x80))]));
    fc.assert(
      fc.property(invalid, (bytes) => {
        expect(decode(bytes).kind).toBe('text');
      }),
      { numRuns: runs(100) },
    );
    const lone = fc.string({
      unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
      minLength: 1,
      maxLength: 20,
    });
    fc.assert(
      fc.property(lone, fc.constantFrom('le' as const, 'be' as const), (s, order) => {
        const d = decode(utf16(`x${s}y`, order, true));
        expect(d.kind).toBe('text');
      }),
      { numRuns: runs(100) },
    );
  });

  it('UTF-16 with a byte-order mark round-trips any text; without one it is its decoding or binary, never a crash', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.constantFrom('le' as const, 'be' as const),
        (s, order) => {
          const d = decode(utf16(s, order, true));
          expect(d).toEqual({ kind: 'text', text: normaliseEol(s) });
          const bytes = utf16(`ab${s}`, order, false);
          const bare = decode(bytes);
          if (bare.kind === 'text')
            expect(bare.text).toBe(normaliseEol(new TextDecoder(`utf-16${order}`).decode(bytes)));
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it('UTF-16 text of printable ASCII without a byte-order mark is recognised by its NUL pattern', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'abcXYZ019 =_-:"\n\t'.split('')), minLength: 4, maxLength: 300 }),
        fc.constantFrom('le' as const, 'be' as const),
        (s, order) => {
          expect(decode(utf16(s, order, false))).toEqual({ kind: 'text', text: normaliseEol(s) });
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it('finds a token planted anywhere in UTF-8, UTF-8 with BOM, and UTF-16 (with BOM) text with any line endings', () => {
    fc.assert(
      fc.property(
        textAround,
        edgeLeft,
        hfToken,
        edgeRight,
        textAround,
        fc.constantFrom('utf8', 'utf8bom', 'utf16le', 'utf16be'),
        (pre, l, token, r, post, enc) => {
          const before = pre + l;
          const text = before + token + r + post;
          const data =
            enc === 'utf8'
              ? Buffer.from(text)
              : enc === 'utf8bom'
                ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])
                : utf16(text, enc === 'utf16le' ? 'le' : 'be', true);
          const found = scanBytes('notes.txt', data).findings.filter((f) => f.secret === token);
          expect(found.length).toBe(1);
          expect({ line: found[0]!.line, column: found[0]!.column }).toEqual(position(before));
        },
      ),
      { numRuns: runs(150) },
    );
  });
});

describe('git diff --raw -p -z parsing', () => {
  it('never throws on random or truncated input', () => {
    const patchish = fc
      .array(
        fc.constantFrom(
          ':100644 100644 ',
          ':000000 100644 ',
          '0'.repeat(40),
          ' A\0',
          ' M\0',
          ' R100\0',
          'a.py\0',
          '\0',
          'diff --git a/x b/x\n',
          '@@ -0,0 +1,2 @@\n',
          '@@ -1 +1',
          '+line\n',
          '-old\n',
          ' ctx\n',
          'Binary files a and b differ\n',
          '\\ No newline\n',
          '\n',
          '\r\n',
        ),
        { maxLength: 60 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        fc.oneof(
          patchish,
          fc.string({ unit: 'binary', maxLength: 500 }),
          fc.uint8Array({ maxLength: 500 }).map((b) => Buffer.from(b).toString('latin1')),
        ),
        (text) => {
          parseRawPatch(text);
          splitCommits(text);
        },
      ),
      { numRuns: runs(300) },
    );
  });

  const path = fc
    .string({
      unit: fc.constantFrom('a', 'b', '.', '/', ' ', '"', "'", '\n', '\t', '-', 'é', '字', '\\', '$', '*', '?'),
      minLength: 1,
      maxLength: 20,
    })
    .filter((p) => !p.includes('\0'));
  const line = fc
    .string({ unit: fc.constantFrom('x', ' ', '\t', 'é', '😀', '"', '+', '-', '@', 'd', '\r'), maxLength: 30 })
    .map((s) => s.replace(/\r(?!$)/g, ''));

  it('gives back exact paths, blob ids and added lines with their line numbers', () => {
    const file = fc.record({
      path,
      start: fc.integer({ min: 1, max: 1000 }),
      lines: fc.array(line, { minLength: 1, maxLength: 8 }),
      oid: fc.stringMatching(/^[0-9a-f]{40}$/),
    });
    fc.assert(
      fc.property(fc.array(file, { minLength: 1, maxLength: 5 }), (files) => {
        let raw = '';
        let patches = '';
        for (const f of files) {
          raw += `:100644 100644 ${'1'.repeat(40)} ${f.oid} M\0${f.path}\0`;
          // git C-quotes odd names in the header; the parser takes names from the raw part only.
          patches += `diff --git "a/q" "b/q"\nindex 1..2 100644\n--- "a/q"\n+++ "b/q"\n@@ -${f.start},0 +${f.start},${f.lines.length} @@\n${f.lines.map((l) => `+${l}`).join('\n')}\n`;
        }
        const parsed = parseRawPatch(Buffer.from(raw + '\0' + patches, 'utf8').toString('latin1'));
        expect(parsed.map((p) => p.path)).toEqual(files.map((f) => f.path));
        expect(parsed.map((p) => p.oid)).toEqual(files.map((f) => f.oid));
        parsed.forEach((p, i) => {
          expect(p.added).toEqual(
            files[i]!.lines.map((text, k) => ({ line: files[i]!.start + k, text: text.replace(/\r$/, '') })),
          );
        });
      }),
      { numRuns: runs(150) },
    );
  });
});

describe('diff items (staged and commit ranges)', () => {
  // Regression: a key-named or binary blob over the limit used to be read whole (path rules peek at content).
  it('never read a blob over the size limit, whatever its name, size or kind, and skip it as large', () => {
    const pathName = fc.constantFrom(
      'a.py',
      'server.key',
      'id.pem',
      'cert.ppk',
      '.aws/credentials',
      'model.bin',
      'x.p12',
    );
    fc.assert(
      fc.property(
        pathName,
        fc.boolean(),
        fc.integer({ min: 0, max: 4000 }),
        fc.integer({ min: 0, max: 4000 }),
        fc.constantFrom('A', 'C', 'M', 'R'),
        (name, binary, size, maxFileSize, status) => {
          const file = {
            status,
            path: name,
            oid: 'b'.repeat(40),
            newMode: '100644',
            binary,
            added: binary ? [] : [{ line: 1, text: 'x' }],
          };
          let readsOverLimit = 0;
          const items = [
            ...fileDiffItems(file, {
              origin,
              maxFileSize,
              pathRules: true,
              blobSize: () => size,
              readBlob: () => {
                if (size > maxFileSize) readsOverLimit++;
                return Buffer.alloc(size, 0x41);
              },
            }),
          ];
          for (const item of items) if (item.type === 'path') item.content?.();
          expect(readsOverLimit).toBe(0);
          if (binary && size > maxFileSize)
            expect(items.some((i) => i.type === 'skipped' && i.reason === 'large')).toBe(true);
        },
      ),
      { numRuns: runs(200) },
    );
  });
});

describe('git cat-file --batch stream reading', () => {
  const blob = fc.record({
    oid: fc.stringMatching(/^[0-9a-f]{40}$/),
    data: fc.uint8Array({ maxLength: 300 }),
    missing: fc.boolean(),
  });

  function stream(blobs: Array<{ oid: string; data: Uint8Array; missing: boolean }>): Buffer {
    return Buffer.concat(
      blobs.map((b) =>
        b.missing
          ? Buffer.from(`${b.oid} missing\n`)
          : Buffer.concat([Buffer.from(`${b.oid} blob ${b.data.length}\n`), b.data, Buffer.from('\n')]),
      ),
    );
  }

  it('reads every object back whatever the chunking, and keeps no content over the size limit (also reusing its buffer)', () => {
    fc.assert(
      fc.property(
        fc.array(blob, { maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 400 }),
        fc.boolean(),
        (blobs, cuts, maxSize, reuse) => {
          const all = stream(blobs);
          const reader = new CatFileBatchReader(maxSize, reuse);
          const got: BlobResult[] = [];
          let at = 0;
          for (let i = 0; at < all.length; i++) {
            const n = cuts[i % cuts.length]!;
            // A reused buffer is valid until the next push: take a copy, as its callers are done with it by then.
            for (const g of reader.push(all.subarray(at, at + n)))
              got.push(reuse && !g.missing && g.data ? { ...g, data: Buffer.from(g.data) } : g);
            at += n;
          }
          expect(got.length).toBe(blobs.length);
          got.forEach((g, i) => {
            const b = blobs[i]!;
            expect(g.oid).toBe(b.oid);
            expect(g.missing).toBe(b.missing);
            if (g.missing || b.missing) return;
            expect(g.size).toBe(b.data.length);
            if (b.data.length <= maxSize) expect(Buffer.compare(g.data!, Buffer.from(b.data))).toBe(0);
            else expect(g.data).toBeUndefined();
          });
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.uint8Array({ maxLength: 100 }),
            fc.constantFrom('abc blob 3\n', 'x missing\n', 'abc blob 99999999999\n', '\n').map((s) => Buffer.from(s)),
          ),
          { maxLength: 20 },
        ),
        (chunks) => {
          const reader = new CatFileBatchReader(64);
          for (const c of chunks) reader.push(Buffer.from(c));
        },
      ),
      { numRuns: runs(200) },
    );
  });
});

describe('git log --raw -z parsing', () => {
  it('never throws on random records, including raw entries before any commit', () => {
    const record = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.constantFrom(
        '\x01',
        '\n\x01abc\x1fA <a@b>\x1f2024',
        `:000000 100644 ${'0'.repeat(40)} ${'a'.repeat(40)} A`,
        `:100644 000000 ${'a'.repeat(40)} ${'0'.repeat(40)} D`,
        `:000000 160000 ${'0'.repeat(40)} ${'b'.repeat(40)} A`,
        'path',
      ),
    );
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), (records) => {
        const reader = new LogRawReader();
        for (const r of records) reader.push(r);
        for (const info of reader.blobs.values()) expect(reader.commits[info.first]).toBeDefined();
      }),
      { numRuns: runs(300) },
    );
  });

  it('attributes each blob to its first commit under its exact path (newlines, quotes, non-ASCII, leading dashes)', () => {
    const name = fc.string({
      unit: fc.constantFrom('a', '-', ' ', '\n', '"', "'", 'é', '字', '\\', '\t'),
      minLength: 1,
      maxLength: 12,
    });
    // Few ids: the same content committed again, at the same path or another.
    const oid = fc.oneof(fc.stringMatching(/^[0-9a-f]{40}$/), fc.constantFrom('a'.repeat(40), 'b'.repeat(40)));
    const change = fc.record({ path: name, oid });
    fc.assert(
      fc.property(fc.array(fc.array(change, { maxLength: 4 }), { minLength: 1, maxLength: 6 }), (commits) => {
        const reader = new LogRawReader();
        const latin1 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
        const firstSeen = new Map<string, { commit: number; path: string }>();
        const pathsSeen = new Map<string, string[]>();
        commits.forEach((changes, c) => {
          reader.push(
            latin1(
              `${c === 0 ? '' : '\n'}\x01${String(c).padStart(40, '0')}\x1fAuthé <a@b>\x1f2024-01-0${(c % 9) + 1}`,
            ),
          );
          for (const ch of changes) {
            reader.push(`:000000 100644 ${'0'.repeat(40)} ${ch.oid} A`);
            reader.push(latin1(ch.path));
            if (!firstSeen.has(ch.oid)) firstSeen.set(ch.oid, { commit: c, path: ch.path });
            const seen = pathsSeen.get(ch.oid) ?? [];
            if (!seen.includes(ch.path)) pathsSeen.set(ch.oid, [...seen, ch.path]);
          }
        });
        expect(reader.commits.length).toBe(commits.length);
        for (const commit of reader.commits) expect(commit.author).toBe('Authé <a@b>');
        for (const [oid, seen] of firstSeen) {
          const info = reader.blobs.get(oid)!;
          expect(info.first).toBe(seen.commit);
          expect(info.path).toBe(seen.path);
          // Every path the blob had, its first first; a blob at one path makes no set of copies.
          expect(pathsOf(info)).toEqual(pathsSeen.get(oid));
          expect(info.copies === undefined).toBe(pathsSeen.get(oid)!.length === 1);
        }
        for (const [path, ev] of reader.paths) expect(ev.path).toBe(path);
      }),
      { numRuns: runs(150) },
    );
  });

  it('copies text out of git output unchanged (ASCII, latin1 bytes, any well-formed Unicode, cut from a longer string)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        fc.string({ unit: 'binary-ascii' }),
        fc.nat(),
        (text, around, at) => {
          expect(ownCopy(text)).toBe(text);
          const cut = at % (around.length + 1);
          const longer = around.slice(0, cut) + text + around.slice(cut);
          expect(ownCopy(longer.slice(cut, cut + text.length))).toBe(text);
          const latin1 = Buffer.from(text, 'utf8').toString('latin1');
          expect(ownCopy(latin1)).toBe(latin1);
        },
      ),
      { numRuns: runs(300) },
    );
  });
});

describe('notebook JSON', () => {
  it('never throws on any JSON value or random text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.string({ maxLength: 300 }),
          fc.jsonValue().map((v) =>
            JSON.stringify({
              cells: [
                {
                  source: v,
                  outputs: [v, { data: { 'application/json': v, 'text/plain': v }, text: v, traceback: v, evalue: v }],
                },
              ],
            }),
          ),
        ),
        (text) => {
          notebookChunks('nb.ipynb', text, origin);
          scanBytes('nb.ipynb', Buffer.from(text));
        },
      ),
      { numRuns: runs(200) },
    );
  });

  it('deeply nested JSON (in the document and in an output) is handled, not a stack overflow', () => {
    const depth = 200_000;
    const deep = '['.repeat(depth) + ']'.repeat(depth);
    expect(() => scanBytes('deep.ipynb', Buffer.from(deep))).not.toThrow();
    const nb = `{"cells":[{"cell_type":"code","source":"x = 1","outputs":[{"data":{"application/json":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}}]}]}`;
    expect(() => scanBytes('out.ipynb', Buffer.from(nb))).not.toThrow();
  });

  it('finds a token planted in any cell, as a string or a list of lines, and names the cell', () => {
    fc.assert(
      fc.property(
        fc.array(textAround, { minLength: 1, maxLength: 5 }),
        fc.nat(),
        hfToken,
        fc.boolean(),
        (cells, pick, token, asList) => {
          const at = pick % cells.length;
          const sources = cells.map((c, i) => (i === at ? `${c}\nHF = "${token}"\n` : c));
          const doc = {
            cells: sources.map((s) => ({ cell_type: 'code', source: asList ? s.split(/(?<=\n)/) : s, outputs: [] })),
            nbformat: 4,
          };
          const found = scanBytes('train.ipynb', Buffer.from(JSON.stringify(doc))).findings.filter(
            (f) => f.secret === token,
          );
          expect(found.length).toBeGreaterThanOrEqual(1);
          expect(found[0]!.cell).toBe(at + 1);
        },
      ),
      { numRuns: runs(100) },
    );
  });
});

describe('configuration file', () => {
  const keys = [
    'ignorePaths',
    'allowlist',
    'disabledRules',
    'severity',
    'rules',
    'gitignore',
    'overrides',
    'maxFileSize',
    'unknown',
  ];
  const value = fc.oneof(
    fc.jsonValue(),
    fc.array(fc.string()),
    fc.record({ paths: fc.jsonValue(), values: fc.jsonValue(), regexes: fc.array(fc.string({ maxLength: 12 })) }),
    fc.array(
      fc.record({
        id: fc.string(),
        regex: fc.string({ maxLength: 12 }),
        keywords: fc.jsonValue(),
        files: fc.jsonValue(),
      }),
    ),
  );

  it('a bad configuration is a ConfigError, never a crash', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom(...keys), value)), (raw) => {
        try {
          parseConfig(raw, 'leaklint.config.json');
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigError);
        }
      }),
      { numRuns: runs(300) },
    );
  });

  it('random bytes in leaklint.config.json are a ConfigError', () => {
    const dir = tempDir();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        writeFileSync(join(dir, 'leaklint.config.json'), bytes);
        try {
          loadConfig(dir);
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigError);
        }
      }),
      { numRuns: runs(100) },
    );
  });
});

describe('Sentry org token payload', () => {
  const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
  const orgToken = fc
    .record({
      org: fc.string({ unit: fc.constantFrom(...letters.split('')), minLength: 1, maxLength: 12 }),
      key: fc.uint8Array({ minLength: 32, maxLength: 32 }),
      iat: fc.integer({ min: 1, max: 2_000_000_000 }),
    })
    .map(({ org, key, iat }) => {
      const payload = b64(JSON.stringify({ iat, url: 'https://sentry.io', region_url: 'https://us.sentry.io', org }));
      return { payload, key: b64(Buffer.from(key)).replace(/=+$/, '') };
    });

  it('never throws on random payloads and keys', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 60 }), (p, k) => void isValidOrgToken(p, k)),
      { numRuns: runs(300) },
    );
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.uint8Array({ maxLength: 40 }),
        (v, k) => void isValidOrgToken(b64(JSON.stringify(v) ?? ''), b64(Buffer.from(k))),
      ),
      { numRuns: runs(200) },
    );
  });

  it('accepts a well-formed token and finds it in random text', () => {
    fc.assert(
      fc.property(orgToken, textAround, edgeLeft, edgeRight, (t, pre, l, r) => {
        expect(isValidOrgToken(t.payload, t.key)).toBe(true);
        const token = `sntrys_${t.payload}_${t.key}`;
        // The payload always starts with {"iat": so its base64 starts as the rule requires.
        fc.pre(t.payload.startsWith('eyJpYXQiO'));
        const found = scanBytes('ci.yml', Buffer.from(`${pre}${l}${token}${r}`)).findings.filter(
          (f) => f.secret === token,
        );
        expect(found.map((f) => f.ruleId)).toEqual(['sentry-org-token']);
      }),
      { numRuns: runs(100) },
    );
  });
});

describe('reports stay valid whatever the paths and content', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validateSarif = ajv.compile(schema);
  const oddPath = fc.string({
    unit: fc.constantFrom(
      'a',
      '/',
      ' ',
      '"',
      '<',
      '>',
      '&',
      '%',
      ']',
      '\n',
      '\r',
      ':',
      ',',
      '::',
      'é',
      '字',
      '😀',
      '-',
      '\\',
      '\u0007',
      '\u2028',
    ),
    minLength: 1,
    maxLength: 16,
  });

  it(
    'json, sarif and gitlab output parse (sarif validates), and no format prints the raw secret',
    () => {
      fc.assert(
        fc.property(
          fc.array(fc.record({ path: oddPath, pre: textAround, token: hfToken }), { minLength: 1, maxLength: 4 }),
          (files) => {
            const scanner = new Scanner(engine, { moment: 'files', maxFileSize: DEFAULT_MAX_FILE_SIZE });
            for (const f of files)
              scanner.add({ type: 'file', path: f.path, origin, data: Buffer.from(`${f.pre}\nT = "${f.token}"\n`) });
            const ctx = {
              result: scanner.result(),
              rules: new Map(allRules.map((r) => [r.id, r])),
              showSecrets: false,
              color: false,
              quiet: false,
            };
            for (const [format, reporter] of Object.entries(reporters)) {
              const out = reporter(ctx);
              for (const f of files) expect(out, format).not.toContain(f.token);
              if (format === 'json' || format === 'gitlab') JSON.parse(out);
              if (format === 'sarif')
                expect(validateSarif(JSON.parse(out)), JSON.stringify(validateSarif.errors)).toBe(true);
              if (format === 'github')
                for (const l of out.split('\n')) if (l) expect(l.startsWith('::') || !l.includes('\r')).toBe(true);
            }
          },
        ),
        { numRuns: runs(60) },
      );
    },
    FUZZ_TIMEOUT,
  );
});
