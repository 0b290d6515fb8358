// Bytes to text and the scanner's handling of encodings, binaries and size.
import { describe, expect, it } from 'vitest';
import { decode, lineIndexAt, lineStarts, normaliseEol } from '../../src/scan/text.js';
import { Engine } from '../../src/scan/engine.js';
import { DEFAULT_MAX_FILE_SIZE, Scanner } from '../../src/scan/scanner.js';
import { allRules } from '../../rules/index.js';
import { fakeHfToken } from '../helpers.js';

const token = fakeHfToken(21);
const engine = new Engine(allRules);

function scanBytes(path: string, data: Uint8Array, maxFileSize = DEFAULT_MAX_FILE_SIZE) {
  const scanner = new Scanner(engine, { moment: 'files', maxFileSize });
  scanner.add({ type: 'file', path, origin: { kind: 'worktree' }, data });
  return scanner.result();
}

const where = (path: string, data: Uint8Array) =>
  scanBytes(path, data).findings.map((f) => [f.line, f.column, f.endColumn]);

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return be;
}

describe('line endings', () => {
  const lf = `one\ntwo\n  T = "${token}"\nfour\n`;

  it('normalises CRLF and lone CR to LF', () => {
    expect(normaliseEol('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
    // A CR before CRLF is a line of its own.
    expect(normaliseEol('a\r\r\nb')).toBe('a\n\nb');
  });

  it('gives CRLF and CR-only files the line numbers of the LF file', () => {
    const expected = where('lf.py', Buffer.from(lf));
    expect(expected).toEqual([[3, 8, 8 + token.length]]);
    expect(where('crlf.py', Buffer.from(lf.replace(/\n/g, '\r\n')))).toEqual(expected);
    expect(where('cr.py', Buffer.from(lf.replace(/\n/g, '\r')))).toEqual(expected);
  });

  it('finds line starts and maps offsets to lines', () => {
    const starts = lineStarts('ab\ncd\n\nef');
    expect(starts).toEqual([0, 3, 6, 7]);
    expect([0, 2, 3, 5, 6, 7, 8].map((o) => lineIndexAt(starts, o))).toEqual([0, 0, 1, 1, 2, 3, 3]);
  });
});

describe('encodings', () => {
  it('drops a UTF-8 byte order mark, so columns start at the first real character', () => {
    const d = decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('T=1\n')]));
    expect(d).toEqual({ kind: 'text', text: 'T=1\n' });
    expect(where('bom.txt', Buffer.from(`\uFEFF${token}\n`))).toEqual([[1, 1, 1 + token.length]]);
  });

  it('decodes and scans UTF-16LE with a byte order mark', () => {
    const data = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`a\r\nT=${token}\r\n`, 'utf16le')]);
    expect(decode(data)).toEqual({ kind: 'text', text: `a\nT=${token}\n` });
    expect(where('le.txt', data)).toEqual([[2, 3, 3 + token.length]]);
  });

  it('decodes and scans UTF-16BE with a byte order mark', () => {
    const data = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(`a\nT=${token}\n`)]);
    expect(decode(data)).toEqual({ kind: 'text', text: `a\nT=${token}\n` });
    expect(where('be.txt', data)).toEqual([[2, 3, 3 + token.length]]);
  });

  it('survives invalid UTF-8 and still scans the rest of the file', () => {
    const data = Buffer.concat([
      Buffer.from('caf'),
      Buffer.from([0xe9, 0xff, 0xc3]),
      Buffer.from(`\nT = "${token}"\n`),
    ]);
    const d = decode(data);
    expect(d.kind).toBe('text');
    expect(where('latin1.txt', data)).toEqual([[2, 6, 6 + token.length]]);
  });

  it('finds a secret after multi-byte characters on the same line', () => {
    expect(where('emoji.md', Buffer.from(`clé 🔑 ${token}\n`))).toEqual([[1, 8, 8 + token.length]]);
  });
});

describe('binary and large files', () => {
  it('treats a NUL byte in the first 8000 bytes as binary, and counts the skip', () => {
    const data = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00]), Buffer.from(`\n${token}\n`)]);
    expect(decode(data)).toEqual({ kind: 'binary' });
    const r = scanBytes('image.png', data);
    expect(r.findings).toEqual([]);
    expect(r.stats.skippedBinary).toBe(1);
  });

  it('scans a file whose first NUL comes after 8000 bytes', () => {
    const data = Buffer.concat([Buffer.from(`T = "${token}"\n`), Buffer.from('a'.repeat(8100)), Buffer.from([0])]);
    expect(decode(data).kind).toBe('text');
    expect(scanBytes('log.txt', data).findings).toHaveLength(1);
  });

  it('skips files over the size limit with a warning naming the file', () => {
    const data = Buffer.from(`${'a'.repeat(200)}\nT = "${token}"\n`);
    const r = scanBytes('data/big.csv', data, 100);
    expect(r.findings).toEqual([]);
    expect(r.stats.skippedLarge).toBe(1);
    expect(r.stats.warnings.join('\n')).toContain('data/big.csv');
    expect(scanBytes('data/big.csv', data, data.length).findings).toHaveLength(1);
  });
});
