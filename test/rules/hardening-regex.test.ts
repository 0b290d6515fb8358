// Regular-expression safety: every built-in pattern leaklint runs on scanned
// text is checked with recheck (a ReDoS analyser, pure-JavaScript backend, so
// no native binary or JVM is started); patterns from a user's configuration
// run on a linear-time engine, and what it cannot run is refused
// (test/config/configured-regex.test.ts covers their run time).
import { describe, expect, it, vi } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { ROOT, leaklint, tempRepo } from '../helpers.js';
import { superLinearShape, unsafePatternReason, MAX_PATTERN_LENGTH } from '../../src/rulekit/regex-safety.js';
import { ConfigError, parseConfig } from '../../src/config/config.js';

// Patterns built by regexRule (many from template strings) are recorded as the rules load.
const built = vi.hoisted(() => [] as Array<{ id: string; pattern: RegExp }>);
vi.mock('../../src/rulekit/rulekit.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/rulekit/rulekit.js')>();
  return {
    ...real,
    regexRule: (spec: Parameters<typeof real.regexRule>[0]) => {
      built.push({ id: spec.id, pattern: spec.pattern });
      return real.regexRule(spec);
    },
  };
});

/** Regex literals in the modules that run on scanned text: rules, engine, placeholder filter, suppressions, notebooks, value and name judgements, JWT and Basic-credential decoding. */
function literalPatterns(): Array<{ id: string; pattern: RegExp }> {
  const files = [
    ...readdirSync(join(ROOT, 'rules'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => `rules/${f}`),
    ...[
      'scan/engine',
      'scan/keywords',
      'rulekit/placeholder',
      'suppress/inline',
      'scan/notebook',
      'rulekit/rulekit',
      'report/redact',
      'scan/text',
      'rulekit/value-shapes',
      'rulekit/secret-names',
      'rulekit/jwt',
      'rulekit/basic-credential',
      'scan/encoded',
      'scan/joined-literals',
    ].map((f) => `src/${f}.ts`),
  ];
  const out: Array<{ id: string; pattern: RegExp }> = [];
  for (const file of files) {
    const sf = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(sf);
        const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
        const slash = text.lastIndexOf('/');
        out.push({ id: `${file}:${line}`, pattern: new RegExp(text.slice(1, slash), text.slice(slash + 1)) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

/**
 * Patterns recheck calls super-linear that only ever run on short, bounded
 * strings (a match already found, a secret), or inside a fixed-size window:
 * their worst case is bounded by that length, not by the file.
 */
const BOUNDED: Record<string, string> = {
  '(?:\\[nrt])+$': 'runs on a value of at most 256 characters',
  '${{?[^}]*}}?': 'the placeholder filter runs on a matched secret, never on a whole file',
  '{{[^}]*}}': 'the placeholder filter runs on a matched secret, never on a whole file',
};
const WINDOWED = /\{0,20000\}\?/; // the PEM body window: linear in the file, 20000 characters per BEGIN line at most

/**
 * Without an unbounded quantifier (`*`, `+`, `{n,}`) one match attempt reads
 * a bounded number of characters, so a whole scan is linear in the input;
 * recheck's "polynomial" then only describes inputs shorter than that bound.
 */
function onlyBoundedRepetition(source: string): boolean {
  const stripped = source.replace(/\\./g, 'x').replace(/\[(?:[^\]\\]|\\.)*\]/g, 'x');
  return !/[*+]|\{\d+,\}/.test(stripped.replace(/\(\?/g, '('));
}

const FUZZ = Number(process.env.LEAKLINT_FUZZ_RUNS ?? 0) > 0;
const RECORD = process.env.LEAKLINT_RECORD_REGEX === '1';

/**
 * recheck takes up to seconds per pattern, so its verdicts are kept per exact
 * pattern (source and flags) in this file: `npm test` analyses only patterns
 * that are new or changed since, `npm run fuzz` re-analyses every one, and
 * LEAKLINT_RECORD_REGEX=1 rewrites the file.
 */
const VERDICTS_FILE = join(ROOT, 'test', 'rules', 'hardening-regex.verdicts.json');

type Verdict = 'safe' | 'bounded' | 'undecided-but-shape-safe';

/**
 * recheck's own defaults cut its search and its confirmation of an attack by
 * wall-clock time: on a loaded machine a linear pattern's attack string runs
 * slowly enough to be "confirmed" as polynomial. Step limits alone make each
 * verdict the same on every run and machine (the seed is fixed too); the
 * overall time-out only guards the run, and hitting it falls back to the
 * structural check.
 */
const RECHECK_LIMITS = {
  randomSeed: 0,
  attackTimeout: null,
  incubationTimeout: null,
  seedingTimeout: null,
  recallTimeout: null,
} as const;

function readVerdicts(): Record<string, Verdict> {
  try {
    return JSON.parse(readFileSync(VERDICTS_FILE, 'utf8')) as Record<string, Verdict>;
  } catch {
    return {};
  }
}

describe('built-in patterns cannot backtrack super-linearly', () => {
  it('recheck finds no super-linear pattern among the rules and the text-handling modules', {
    timeout: 900_000,
  }, async () => {
    process.env.RECHECK_BACKEND = 'pure';
    const { check } = await import('recheck');
    await import('../../rules/index.js');
    const seen = new Set<string>();
    const all = [...built, ...literalPatterns()].filter(({ pattern }) => {
      const key = `/${pattern.source}/${pattern.flags}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
    expect(built.length).toBeGreaterThan(30);
    const known = readVerdicts();
    const verdicts: Record<string, Verdict> = {};
    const problems: string[] = [];
    for (const { id, pattern } of all) {
      const key = `/${pattern.source}/${pattern.flags}`;
      if (known[key] && !FUZZ && !RECORD) {
        verdicts[key] = known[key]!;
        continue;
      }
      // A pattern bounded by construction or by review passes whatever recheck says, so it gets less of recheck's time.
      const bounded =
        Boolean(BOUNDED[pattern.source]) || WINDOWED.test(pattern.source) || onlyBoundedRepetition(pattern.source);
      const timeout = FUZZ || RECORD ? (bounded ? 10_000 : 60_000) : 3_000;
      const result = await check(pattern.source, pattern.flags.replace(/[dg]/g, ''), { ...RECHECK_LIMITS, timeout });
      if (result.status === 'safe') verdicts[key] = 'safe';
      else if (bounded) verdicts[key] = 'bounded';
      else if (result.status === 'vulnerable')
        problems.push(`${id}: ${key} (${result.complexity?.type}, attack ${result.attack?.pattern})`);
      // recheck gave up (time-out, unsupported feature): the structural check must still pass.
      else if (superLinearShape(pattern.source) === undefined) verdicts[key] = 'undecided-but-shape-safe';
      else
        problems.push(
          `${id}: ${key} (recheck: ${result.error?.kind ?? 'unknown'}; structural check: ${superLinearShape(pattern.source)})`,
        );
    }
    if (RECORD) writeFileSync(VERDICTS_FILE, JSON.stringify(verdicts, Object.keys(verdicts).sort(), 2) + '\n');
    expect(problems).toEqual([]);
    // Most patterns must be decided by recheck itself, or the check proves little.
    const undecided = Object.values(verdicts).filter((v) => v === 'undecided-but-shape-safe').length;
    expect(undecided).toBeLessThan(all.length / 4);
  });
});

describe('user-supplied patterns', () => {
  const classic = ['(a+)+$', '(\\w*)*x', '(a|a)*b', '(a|ab)+c', '(x+){2,}y', '^(\\d+)*$', '((ab)*)+$'];

  it('the structural check refuses what recheck calls exponential', { timeout: 120_000 }, async () => {
    process.env.RECHECK_BACKEND = 'pure';
    const { check } = await import('recheck');
    for (const source of classic) {
      const r = await check(source, '', { timeout: 5_000 });
      expect(r.status, source).toBe('vulnerable');
      expect(superLinearShape(source), source).toBeDefined();
    }
  });

  it('refuses over-long, invalid, backtracking-only and oversized patterns with a reason', () => {
    expect(unsafePatternReason('x'.repeat(MAX_PATTERN_LENGTH + 1))).toMatch(/longer than/);
    expect(unsafePatternReason('(')).toMatch(/not a valid regular expression/);
    expect(unsafePatternReason('(a)\\1')).toMatch(/backreference/);
    expect(unsafePatternReason('(?<n>a)\\k<n>')).toMatch(/named backreference/);
    expect(unsafePatternReason('a(?=b)')).toMatch(/lookahead/);
    expect(unsafePatternReason('a(?!b)')).toMatch(/lookahead/);
    expect(unsafePatternReason('(?<=a)b')).toMatch(/lookbehind/);
    expect(unsafePatternReason('(?<!a)b')).toMatch(/lookbehind/);
    expect(unsafePatternReason('(a{1,30}){1,30}(b{1,30}){1,30}')).toMatch(/program of \d+ instructions/);
    // Shapes that backtrack in JavaScript are linear on the configured patterns' engine: they run.
    for (const ok of ['^acme_[A-Za-z0-9]{32}$', '(a+)+$', '(a|ab)*c', '[(?=]x', '\\(?=x', '(?<secret>acme_[a-z]{8})'])
      expect(unsafePatternReason(ok), ok).toBeUndefined();
  });

  for (const [where, config, construct] of [
    ['rules[0].regex', { rules: [{ id: 'acme-token', regex: '(a)\\1', keywords: ['a'] }] }, 'backreference'],
    ['allowlist.regexes[1]', { allowlist: { regexes: ['^ok_', 'x(?=y)'] } }, 'lookahead'],
    [
      'overrides[0].allowlist.regexes[0]',
      { overrides: [{ files: 'x/**', allowlist: { regexes: ['(?<!a)b'] } }] },
      'lookbehind',
    ],
  ] as const) {
    it(`a ${construct} in ${where} is a ConfigError naming the key`, () => {
      expect(() => parseConfig(config, 'leaklint.config.json')).toThrow(ConfigError);
      expect(() => parseConfig(config, 'leaklint.config.json')).toThrow(
        new RegExp(`"${where.replace(/[[\].]/g, '\\$&')}" uses a ${construct}`),
      );
    });
  }

  it('the CLI exits 2 with the key named, before scanning anything', () => {
    const repo = tempRepo();
    writeFileSync(join(repo, 'leaklint.config.json'), JSON.stringify({ allowlist: { regexes: ['(\\w+)=\\1'] } }));
    const r = leaklint(['files'], { cwd: repo });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/"allowlist\.regexes\[0\]" uses a backreference/);
  });
});
