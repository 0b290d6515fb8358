// git's NUL-separated output (`log -z`) cut into records as it streams:
// records given a chunk's worth at a time, whatever the chunks' boundaries.
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { nulRecords } from '../../src/git/git.js';
import { runs } from '../helpers.js';

async function recordsOf(chunks: Buffer[]): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of nulRecords(Readable.from(chunks))) out.push(...batch);
  return out;
}

describe('NUL-separated records', () => {
  it('are the same however the stream is cut, a last record without its NUL included', async () => {
    const record = fc.string({ unit: fc.constantFrom('a', ':', '\n', 'é', '\x01', ' '), maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (records, cuts) => {
          const bytes = Buffer.from(records.map((r) => `${r}\0`).join(''), 'latin1');
          const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...at].map((from, i, all) => bytes.subarray(from, all[i + 1] ?? bytes.length));
          expect(await recordsOf(chunks.filter((c) => c.length))).toEqual(
            records.map((r) => Buffer.from(r, 'latin1').toString('latin1')),
          );
        },
      ),
      { numRuns: runs(300) },
    );
    expect(await recordsOf([Buffer.from('one\0tw'), Buffer.from('o\0three')])).toEqual(['one', 'two', 'three']);
  });
});
