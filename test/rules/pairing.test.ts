// The AWS and Modal rules pair a key id with its secret in one pass; they
// must pair exactly as the plain all-pairs search they replaced (kept here as
// the reference), on layouts with many halves per line and across lines.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rules as awsRules } from '../../rules/aws.js';
import { isModalPlaceholder, rules as modalRules } from '../../rules/modal.js';
import type { ContentRule, RuleMatch } from '../../src/types.js';
import { runs } from '../helpers.js';

const aws = awsRules.find((r) => r.id === 'aws-access-key') as ContentRule;
const modal = modalRules.find((r) => r.id === 'modal-token') as ContentRule;

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length - 1;

/** The AWS pairing as it was: each id takes the first unused secret within 5 lines. */
function awsReference(text: string): RuleMatch[] {
  const NAMED =
    /(?:aws_?secret_?access_?key|secret_?access_?key|SecretAccessKey|aws_?secret(?:_?key)?)["']?\s*(?:=|:|=>|,)\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi;
  const ID = /(?<![A-Za-z0-9])((?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})(?![A-Za-z0-9])/g;
  const secrets = [...text.matchAll(NAMED)].map((m) => ({
    start: m.index! + m[0].length - 40,
    line: lineOf(text, m.index!),
  }));
  const used = new Set<number>();
  return [...text.matchAll(ID)].map((m) => {
    const line = lineOf(text, m.index!);
    const i = secrets.findIndex((s, k) => !used.has(k) && Math.abs(s.line - line) <= 5);
    if (i < 0) return { start: m.index!, end: m.index! + 20, severity: 'warning' as const };
    used.add(i);
    return { start: secrets[i]!.start, end: secrets[i]!.start + 40 };
  });
}

/** The Modal pairing as it was: each secret takes the nearest unpaired id within 3 lines, the earliest on a tie. */
function modalReference(text: string): RuleMatch[] {
  // Placeholder-looking halves (a generated body can spell one: `aaaFaKeaaaa…`) are not tokens to the rule.
  const halves = [...text.matchAll(/(?<![A-Za-z0-9_])(a[ks])-([A-Za-z0-9]{22})(?![A-Za-z0-9_-])/g)]
    .filter((m) => !isModalPlaceholder(m[2]!))
    .map((m) => ({
      kind: m[1]!,
      start: m.index!,
      line: lineOf(text, m.index!),
    }));
  const ids = halves.filter((h) => h.kind === 'ak');
  const paired = new Set<(typeof ids)[number]>();
  const out: RuleMatch[] = [];
  for (const s of halves.filter((h) => h.kind === 'as')) {
    const id = ids
      .filter((i) => !paired.has(i) && Math.abs(i.line - s.line) <= 3)
      .sort((a, b) => Math.abs(a.line - s.line) - Math.abs(b.line - s.line))[0];
    if (id) paired.add(id);
    out.push({ start: s.start, end: s.start + 25, message: id ? `pair ${id.start}` : 'alone' });
  }
  for (const id of ids) if (!paired.has(id)) out.push({ start: id.start, end: id.start + 25, severity: 'warning' });
  return out;
}

const pick = (alphabet: string, n: number) =>
  fc.array(fc.constantFrom(...alphabet), { minLength: n, maxLength: n }).map((a) => a.join(''));
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
// Bodies with a digit and both cases: never a placeholder.
const modalBody = pick('abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789', 19).map((b) => `${b}Q7z`);
const awsSecret = pick('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/+', 37).map((b) => `${b}Q7z`);

function layout(item: fc.Arbitrary<string>) {
  return fc
    .array(fc.array(fc.oneof(item, fc.constantFrom('x', '', 'note')), { maxLength: 4 }), { maxLength: 24 })
    .map((lines) => lines.map((l) => l.join(' ')).join('\n'));
}

describe('pairing in one pass pairs as the all-pairs search did', () => {
  it('AWS: key ids and named secret access keys', () => {
    const item = fc.oneof(
      pick(UPPER_DIGITS, 16).map((b) => `AKIA${b}`),
      awsSecret.map((s) => `aws_secret_access_key=${s}`),
    );
    let paired = 0;
    fc.assert(
      fc.property(layout(item), (text) => {
        const got = aws
          .match(text, { path: 'x.env' })
          .map((m) => ({ start: m.start, end: m.end, ...(m.severity ? { severity: m.severity } : {}) }));
        expect(got).toEqual(awsReference(text));
        paired += got.filter((m) => !m.severity).length;
      }),
      { numRuns: runs(500) },
    );
    expect(paired).toBeGreaterThan(50);
  });

  it('Modal: ids and secrets, several on a line', () => {
    const item = fc.tuple(fc.constantFrom('ak', 'as'), modalBody).map(([k, b]) => `${k}-${b}`);
    let paired = 0;
    fc.assert(
      fc.property(layout(item), (text) => {
        const got = modal.match(text, { path: 'x.env' }).map((m) => {
          const id = /id (ak-\w+)/.exec(m.message ?? '')?.[1];
          return {
            start: m.start,
            end: m.end,
            ...(m.severity ? { severity: m.severity } : { message: id ? `pair ${text.indexOf(id)}` : 'alone' }),
          };
        });
        expect(got).toEqual(modalReference(text));
        paired += got.filter((m) => m.message?.startsWith('pair')).length;
      }),
      { numRuns: runs(500) },
    );
    expect(paired).toBeGreaterThan(50);
  });
});
