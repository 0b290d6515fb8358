// A history's new version of a big file is given the first pass only around
// what changed since its last clean version: that must never call clean a
// version the whole-file first pass would not.
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { CleanVersions, changedRanges, sameBackward, sameForward } from '../../src/scan/versions.js';
import { Engine } from '../../src/scan/engine.js';
import { allRules } from '../../rules/index.js';
import { ALNUM, BASE64, HEX, UPPER_ALNUM, fake, seededChars } from '../../src/rulekit/fakes.js';
import { fakeHfToken, runs } from '../helpers.js';

/** A small generator of integers from a seed (mulberry32), for edits a property run can replay. */
function prng(seed: number): (n: number) => number {
  let state = seed | 0;
  return (n) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

describe('comparing versions natively', () => {
  const bytes = fc.uint8Array({ maxLength: 3000 }).map((a) => Buffer.from(a.map((b) => b % 3)));
  it('sameForward and sameBackward count what a byte loop counts', () => {
    fc.assert(
      fc.property(bytes, bytes, fc.nat(), fc.nat(), fc.nat(), (a, b, i, j, max) => {
        const ai = a.length ? i % a.length : 0;
        const bi = b.length ? j % b.length : 0;
        let k = 0;
        while (k < max && ai + k < a.length && bi + k < b.length && a[ai + k] === b[bi + k]) k++;
        expect(sameForward(a, ai, b, bi, max)).toBe(k);
        let q = 0;
        while (q < max && ai - q > 0 && bi - q > 0 && a[ai - 1 - q] === b[bi - 1 - q]) q++;
        expect(sameBackward(a, ai, b, bi, max)).toBe(q);
      }),
      { numRuns: runs(500) },
    );
  });

  const lines = (seed: number, count: number) => {
    const next = prng(seed);
    return Array.from(
      { length: count },
      (_, i) => `line_${i} = compute(${next(1000)}, "${seededChars(8 + next(40), ALNUM, seed + i)}")\n`,
    );
  };

  it('any stretch that holds no changed byte and no new meeting point is a stretch of the old version', () => {
    let changes = 0;
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(3)), { maxLength: 12 }), (seed, edits) => {
        const old = lines(seed, 400);
        const now = [...old];
        for (const [at, what, kind] of edits) {
          const i = at % (now.length + 1);
          if (kind === 0) now.splice(i, 0, `inserted(${what})\n`);
          else if (kind === 1 && now.length) now.splice(i % now.length, 1);
          else if (kind === 2 && now.length) now[i % now.length] = `replaced(${what})\n`;
          else if (now.length > 20) now.splice(i % (now.length - 10), 0, ...now.splice(what % now.length, 5)); // a move
        }
        const before = Buffer.from(old.join(''));
        const after = Buffer.from(now.join(''));
        const ranges = changedRanges(before, after);
        if (ranges.length) changes++;
        // Windows of a rule's size, at every 13th offset: those clear of every range must be old text.
        const width = 96;
        for (let p = 0; p + width <= after.length; p += 13) {
          const touches =
            ranges.some(([from, to]) => from < p + width && to > p) ||
            ranges.some(([from]) => from > p && from < p + width);
          if (!touches) expect(before.indexOf(after.subarray(p, p + width)), `at ${p}`).not.toBe(-1);
        }
      }),
      { numRuns: runs(200) },
    );
    expect(changes).toBeGreaterThan(100);
  }, 600_000);

  it('one changed line in a big file is a small range', () => {
    const old = lines(7, 2000);
    const now = [...old];
    now[1234] = 'api_key = os.environ["KEY"]\n';
    const ranges = changedRanges(Buffer.from(old.join('')), Buffer.from(now.join('')));
    const total = ranges.reduce((sum, [from, to]) => sum + to - from, 0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(1024);
  });
});

describe('the kept clean versions', () => {
  it('a path kept is kept byte for byte, however many copies went round the ring since', () => {
    let wrapped = 0;
    let present = 0;
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const next = prng(seed);
        const versions = new CleanVersions();
        const paths = Array.from({ length: 3 + next(20) }, (_, i) => `dist/bundle-${i}.js`);
        const last = new Map<string, Buffer>();
        const times = new Map<string, number>();
        let total = 0;
        let path = '';
        for (let step = 0; step < 60 + next(120); step++) {
          path = paths[next(paths.length)]!;
          // 16 kB to 1 MB (the ring holds 8 MB: it goes round several times); every version's bytes are its own
          // (path, step), so a copy overwritten while kept shows.
          const size = 16 * 1024 + (next(2) === 0 ? next(1008 * 1024) : next(100 * 1024));
          const data = Buffer.alloc(size, `${path}@${step};`);
          versions.keep(path, data, 0);
          last.set(path, data);
          times.set(path, (times.get(path) ?? 0) + 1);
          total += size;
        }
        if (total > 8 * 1024 * 1024) wrapped++;
        // The newest copy is there (a path's first version is not kept: most big files have no second).
        if (times.get(path)! > 1) expect(versions.changed(path, last.get(path)!)).toBeDefined();
        for (const [p, data] of last) {
          const changed = versions.changed(p, data);
          // Forgotten (the oldest go first), or exactly the last version given.
          if (changed) {
            present++;
            expect(changed.ranges, p).toEqual([]);
          }
        }
      }),
      { numRuns: runs(60) },
    );
    expect(wrapped).toBeGreaterThan(5);
    expect(present).toBeGreaterThan(20);
  });
});

describe('the first pass of a new version, only around what changed', () => {
  /** Lines of ordinary ML code that hold keywords and no credential. */
  const ordinary = [
    'import os\n',
    'api_key = os.environ.get("HF_TOKEN")\n',
    'max_tokens = config.get("max_tokens", 512)\n',
    '    return tokenizer("bert-base-uncased", token=api_key)\n',
    '# the token is read from the environment\n',
    'wandb.log({"loss": loss})\n',
    'url = "https://huggingface.co/api/models"\n',
    'password_field = form.fields["password"]\n',
    'def train(model, data):\n',
    '    for step, batch in enumerate(data):\n',
    '        loss = model(batch)\n',
    'parts = ("alpha" "beta")\n',
    '\n',
  ];

  /** Credentials (fakes of the right shape) as lines added one version at a time, some spread over several lines. */
  const credential = (seed: number): string[] => {
    const s = (n: number, alphabet: string) => seededChars(n, alphabet, seed);
    const hf = fakeHfToken(seed + 1);
    const kinds: string[][] = [
      [`HF_TOKEN = "${hf}"\n`],
      [`token = ("${hf.slice(0, 12)}"\n`, `    "${hf.slice(12)}")\n`],
      ['wandb.login()\n', '\n', `api_key = "${s(40, HEX)}"\n`],
      [
        `aws_access_key_id = AKIA${s(16, UPPER_ALNUM)}\n`,
        'region = "us-east-1"\n',
        `aws_secret_access_key = ${s(40, ALNUM)}\n`,
      ],
      [`token_id = "ak-${s(22, ALNUM)}"\n`, `token_secret = "as-${fake(22, ALNUM, String(seed))}"\n`],
      [
        '-----BEGIN RSA PRIVATE KEY-----\n',
        `${s(64, BASE64)}\n`,
        `${fake(64, BASE64, `${seed}b`)}\n`,
        '-----END RSA PRIVATE KEY-----\n',
      ],
      [`password = "${s(6, ALNUM)}x${s(12, ALNUM)}"\n`],
      [`remote = "https://deploy:${s(20, ALNUM)}@git.example.com/repo.git"\n`],
      [`SENTRY_AUTH_TOKEN = ${s(64, HEX)}\n`],
    ];
    return kinds[seed % kinds.length]!;
  };

  it('never calls a version clean that the whole-file first pass would not', () => {
    const plain = new Engine(allRules);
    const path = 'src/pipeline/trainer.py';
    const firstPass = vi.spyOn(Engine.prototype as unknown as { firstPass: () => unknown }, 'firstPass');
    let flagged = 0;
    let partial = 0;
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const next = prng(seed);
        const versioned = new Engine(allRules);
        versioned.rememberCleanVersions();
        const file: string[] = [];
        while (file.join('').length < 48 * 1024) file.push(ordinary[next(ordinary.length)]!);
        let steps = 0;
        // Credentials come in a line per version, at a place, while ordinary edits happen elsewhere; some go again.
        for (let round = 0; round < 4; round++) {
          const lines = credential(seed + round);
          const at = next(file.length);
          for (let i = 0; i <= lines.length; i++) {
            if (i < lines.length) file.splice(at + i, 0, lines[i]!);
            if (next(2)) file.splice(next(file.length), 0, ordinary[next(ordinary.length)]!);
            if (next(3) === 0) file.splice(next(file.length), 1);
            const data = Buffer.from(file.join(''));
            firstPass.mockClear();
            const expected = plain.triage(path, data);
            const calls = firstPass.mock.calls.length;
            const got = versioned.triage(path, data);
            // A pass over part of the file: [from, to) narrower than it.
            const part = (args: unknown[]) => (args[3] as number) > 0 || (args[4] as number) < data.length;
            if ((firstPass.mock.calls.slice(calls) as unknown[][]).some(part)) partial++;
            if (expected !== 'clean') {
              flagged++;
              expect(got, `step ${steps}: ${file.join('').slice(0, 80)}`).not.toBe('clean');
            }
            steps++;
          }
          if (next(2)) file.splice(at, lines.length);
        }
      }),
      { numRuns: runs(40) },
    );
    firstPass.mockRestore();
    expect(flagged).toBeGreaterThan(40);
    expect(partial).toBeGreaterThan(40);
  }, 600_000); // `npm run fuzz` runs it 2,000 times

  it('finds the key block that a deletion or a move between old lines completes', () => {
    // Not a file whose literals are joined: the neighbourhood is the rules' context lines alone.
    const path = 'deploy/settings.cfg';
    const plain = new Engine(allRules);
    const filler = Array.from({ length: 1600 }, (_, i) => ordinary[i % ordinary.length]!.replace('512', String(i)));
    // A key's header and body, and its footer 200 lines on: too far apart for the rule (clean); together, a key.
    const [header, ...rest] = credential(5);
    const footer = rest.pop()!;
    const base = [...filler.slice(0, 700), header!, ...rest, ...filler.slice(700, 900), footer, ...filler.slice(900)];
    expect(plain.triage(path, Buffer.from(base.join('')))).toBe('clean');
    const footerAt = 701 + rest.length + 200;
    const deleted = [...base.slice(0, 701 + rest.length), ...base.slice(footerAt)];
    const moved = [
      ...base.slice(0, 701 + rest.length),
      footer,
      ...base.slice(701 + rest.length, footerAt),
      ...base.slice(footerAt + 1),
    ];
    // A header and footer with nothing between (clean), then the body written between them: no keyword in
    // what changed, the window of the lines around it is what finds the key.
    // Lines around it with no keyword at all: only the context lines of the key's own keyword reach it.
    const neutral = Array.from({ length: 1600 }, (_, i) => `x_${i} = compute(${i})\n`);
    const empty = [...neutral.slice(0, 700), header!, footer, ...neutral.slice(700)];
    const filled = [...neutral.slice(0, 700), header!, ...rest, footer, ...neutral.slice(700)];
    for (const [before, now] of [
      [base, deleted],
      [base, moved],
      [empty, filled],
    ]) {
      expect(plain.triage(path, Buffer.from(before!.join('')))).toBe('clean');
      const versioned = new Engine(allRules);
      versioned.rememberCleanVersions();
      // A path's clean version is kept from its second on (most big files of a history have one).
      expect(versioned.triage(path, Buffer.from(before!.join('')))).toBe('clean');
      expect(versioned.triage(path, Buffer.from(`${before!.join('')}x = 1\n`))).toBe('clean');
      const data = Buffer.from(now!.join(''));
      expect(plain.triage(path, data)).toBe('scan');
      expect(versioned.triage(path, data)).toBe('scan');
    }
  });
});
