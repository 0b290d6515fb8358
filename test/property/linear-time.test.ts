// Every rule takes time linear in its input (`npm run fuzz` only: it times
// scans, which a unit test must not). Each rule scans inputs shaped to make a
// careless rule quadratic — its keywords repeated, its own positive fixtures
// repeated, pairs of halves one per line, many matches on one line — at one
// size and at four times that size. Linear work takes about four times as
// long; all-pairs pairing or a whole-line read per match takes sixteen.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../../rules/index.js';
import { Engine } from '../../src/scan/engine.js';
import type { ContentRule, Rule } from '../../src/types.js';
import { generator } from '../../bench/secrets.mjs';
import { ROOT } from '../helpers.js';

const FUZZ = Number(process.env.LEAKLINT_FUZZ_RUNS ?? 0) > 0;
const KB = 1024;
/** The smaller input: big enough that a quadratic rule takes a visible time on it. */
const BASE = 128 * KB;
/** Generous: linear is 4, quadratic 16; a loaded machine's noise stays well below 8. */
const MAX_RATIO = 8;
/**
 * Below this the larger scan is too fast for a ratio to mean anything (fixed
 * costs and collections dominate); every quadratic shape the issue measured
 * takes seconds on the larger input.
 */
const FLOOR_MS = 150;

const next = generator(15);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B64 = `${ALNUM}+/`;
const random = (alphabet: string, n: number) =>
  Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Text of at least `size` characters: `unit(i)` for i = 0, 1, 2 … joined by `joiner`. */
function repeat(size: number, joiner: string, unit: (i: number) => string): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const u = unit(i);
    parts.push(u);
    length += u.length + joiner.length;
  }
  return parts.join(joiner);
}

type Shape = { name: string; make: (size: number) => string };

/** What a rule must find: its provider's positive fixtures (whole files, where there are any) and its own match examples. */
function positivesOf(rule: ContentRule): string[] {
  return [
    ...filesUnder(join(ROOT, 'fixtures', rule.provider, 'positive')).map((f) => readFileSync(f, 'utf8').trim()),
    ...(rule.examples?.match ?? []),
  ];
}

/** Inputs every rule sees: its keywords and its positives (fixtures and examples), per line and on one line. */
function shapesOf(rule: ContentRule): Shape[] {
  const seps = [' ', '=', ': ', '"', '(', '-', '/'];
  const positives = positivesOf(rule);
  const shapes: Shape[] = [
    {
      name: 'keywords on one line',
      make: (size) => repeat(size, '', (i) => `${rule.keywords[i % rule.keywords.length]!}${seps[i % seps.length]!}`),
    },
    {
      name: 'keywords one per line',
      make: (size) => repeat(size, '\n', (i) => `${rule.keywords[i % rule.keywords.length]!} = x`),
    },
  ];
  if (positives.length > 0) {
    shapes.push(
      {
        name: 'positive fixtures one after another',
        make: (size) => repeat(size, '\n', (i) => positives[i % positives.length]!),
      },
      {
        name: 'positive fixtures on one line',
        make: (size) => repeat(size, ' ', (i) => positives[i % positives.length]!.replace(/\n/g, ' ')),
      },
    );
  }
  return shapes;
}

/** Shapes that made rules quadratic before (issue: AWS key ids per line, Modal pairs per line, `x token: …` on one line). */
const KNOWN: Shape[] = [
  { name: 'AWS key ids one per line', make: (size) => repeat(size, '\n', () => `AKIA${random(UPPER_DIGITS, 16)}`) },
  {
    name: 'AWS key pairs one per line',
    make: (size) =>
      repeat(size, '\n', () => `id = AKIA${random(UPPER_DIGITS, 16)} aws_secret_access_key = ${random(B64, 40)}`),
  },
  {
    name: 'AWS named secrets one per line, ids at the end',
    make: (size) =>
      `${repeat(size, '\n', () => `aws_secret_access_key = ${random(B64, 40)}`)}\nAKIA${random(UPPER_DIGITS, 16)}`,
  },
  {
    name: 'Modal pairs one per line',
    make: (size) => repeat(size, '\n', () => `ak-${random(ALNUM, 22)} as-${random(ALNUM, 22)}`),
  },
  {
    name: 'Modal ids and secrets on one line',
    make: (size) => repeat(size, ' ', (i) => `${i % 2 ? 'as' : 'ak'}-${random(ALNUM, 22)}`),
  },
  { name: 'generic `x token: aaaaaaaaaa` on one line', make: (size) => repeat(size, ' ', () => 'x token: aaaaaaaaaa') },
  {
    name: 'generic `x token: <random>` on one line',
    make: (size) => repeat(size, ' ', () => `x token: ${random(ALNUM, 24)}`),
  },
  {
    name: 'generic assignments one per line',
    make: (size) => repeat(size, '\n', () => `api_key = "${random(ALNUM, 32)}"`),
  },
  // The generic rule and a provider rule both find each value: every fallback finding is checked against the provider's.
  {
    name: 'provider tokens under secret keys one per line',
    make: (size) => repeat(size, '\n', () => `secret: "r8_${random(ALNUM, 37)}"`),
  },
];

/**
 * The least CPU time (ms) of `runs` scans: CPU time, not wall time, so other
 * processes on a busy machine do not count; the least, so a collection that
 * happens to fall in one run does not either.
 */
function bestOf(engine: Engine, text: string, runs = 3): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t = process.cpuUsage();
    engine.scan({ path: 'input.yml', text, startLine: 1, origin: { kind: 'worktree' } });
    const used = process.cpuUsage(t);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/** Times of the smaller and the four-times-larger scan (best of three each), and their ratio. */
function ratio(engine: Engine, shape: Shape): { small: number; large: number; ratio: number } {
  const small = shape.make(BASE);
  const large = shape.make(4 * BASE);
  bestOf(engine, small, 1); // warm up the JIT on this shape
  const ts = bestOf(engine, small);
  const tl = bestOf(engine, large);
  return { small: ts, large: tl, ratio: tl / Math.max(ts, 1) };
}

describe.runIf(FUZZ)('every rule is linear in its input', () => {
  const content = allRules.filter((r): r is ContentRule => r.kind === 'content');

  it('each rule alone: four times the input takes about four times as long', { timeout: 900_000 }, () => {
    const slow: string[] = [];
    for (const rule of content) {
      const engine = new Engine([rule as Rule]);
      for (const shape of [...shapesOf(rule), ...KNOWN]) {
        const r = ratio(engine, shape);
        if (r.large >= FLOOR_MS && r.ratio > MAX_RATIO)
          slow.push(
            `${rule.id} on ${shape.name}: ${r.small.toFixed(0)} ms → ${r.large.toFixed(0)} ms (× ${r.ratio.toFixed(1)})`,
          );
      }
    }
    expect(slow).toEqual([]);
  });

  it('all rules together on the known shapes and on every positive fixture at once', { timeout: 600_000 }, () => {
    const engine = new Engine(allRules);
    const everything = [...new Set(content.flatMap(positivesOf))];
    const shapes: Shape[] = [
      ...KNOWN,
      {
        name: 'all positive fixtures, repeated',
        make: (size) => repeat(size, '\n', (i) => everything[i % everything.length]!),
      },
      {
        name: 'all positive fixtures on one line',
        make: (size) => repeat(size, ' ', (i) => everything[i % everything.length]!.replace(/\n/g, ' ')),
      },
    ];
    const slow: string[] = [];
    for (const shape of shapes) {
      const r = ratio(engine, shape);
      if (r.large >= FLOOR_MS && r.ratio > MAX_RATIO)
        slow.push(`${shape.name}: ${r.small.toFixed(0)} ms → ${r.large.toFixed(0)} ms (× ${r.ratio.toFixed(1)})`);
    }
    expect(slow).toEqual([]);
  });
});

/** Shapes for the views of a text (decoded base64, joined literals), scanned as Python so both views run. */
const VIEWS: Shape[] = [
  {
    name: 'base64 of tokens one per line',
    make: (size) =>
      repeat(size, '\n', () => `  token: ${Buffer.from(`hf_${random(ALNUM.slice(0, 52), 34)}`).toString('base64')}`),
  },
  {
    name: 'base64 of text with keywords, longest runs',
    make: (size) =>
      repeat(size, '\n', () => Buffer.from(repeat(6000, ' ', () => `token=${random(ALNUM, 20)}`)).toString('base64')),
  },
  {
    name: 'base64 runs on one line',
    make: (size) => repeat(size, ' ', () => Buffer.from(`api_key: ${random(ALNUM, 30)}`).toString('base64')),
  },
  {
    name: 'literals joined by + on one line',
    make: (size) => repeat(size, ' + ', (i) => `"hf_${random(ALNUM, i % 7)}"`),
  },
  {
    name: 'literals joined implicitly, one per line',
    make: (size) => repeat(size, '\n', () => `  "hf_${random(ALNUM, 12)}"`),
  },
  { name: 'quotes that never close', make: (size) => repeat(size, ' ', () => `"hf_${random(ALNUM, 8)} '`) },
];

describe.runIf(FUZZ)('the views of a text are linear in its size', () => {
  it('base64 decoding and joined literals: four times the input takes about four times as long', {
    timeout: 600_000,
  }, () => {
    const engine = new Engine(allRules);
    const slow: string[] = [];
    for (const shape of VIEWS) {
      const small = shape.make(BASE);
      const large = shape.make(4 * BASE);
      const time = (text: string) => {
        let best = Infinity;
        for (let r = 0; r < 3; r++) {
          const t = process.cpuUsage();
          engine.scan({ path: 'input.py', text, startLine: 1, origin: { kind: 'worktree' } });
          const used = process.cpuUsage(t);
          best = Math.min(best, (used.user + used.system) / 1000);
        }
        return best;
      };
      time(small);
      const ts = time(small);
      const tl = time(large);
      if (tl >= FLOOR_MS && tl / Math.max(ts, 1) > MAX_RATIO)
        slow.push(`${shape.name}: ${ts.toFixed(0)} ms → ${tl.toFixed(0)} ms`);
    }
    expect(slow).toEqual([]);
  });
});
