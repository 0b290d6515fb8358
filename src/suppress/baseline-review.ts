// `leaklint baseline --review`: a person at a terminal walks the findings a
// baseline run would accept, one at a time, and decides each: accept (with
// a reason and an optional expiry date), reject (a real leak: it stays
// reported), skip (decide later), or quit. Only accepted findings reach the
// baseline. Everything printed is redacted and inert for the terminal.
import { createInterface } from 'node:readline';
import type { BaselineEntry } from './baseline.js';
import { isDay, today } from './baseline.js';
import type { Candidate } from './baseline-candidates.js';
import { escapeText } from '../report/safe-text.js';
import { scrubSecrets } from '../report/scrub.js';
import type { Rule } from '../types.js';

export interface ReviewOutcome {
  accepted: BaselineEntry[];
  counts: { accepted: number; rejected: number; skipped: number; unreviewed: number };
}

/** Lines typed at the terminal, one per call; undefined once input ends (Ctrl-D). */
function lineReader(input: NodeJS.ReadableStream): { next: () => Promise<string | undefined>; close: () => void } {
  const rl = createInterface({ input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  return {
    next: async () => {
      const r = await lines.next();
      return r.done ? undefined : String(r.value);
    },
    close: () => rl.close(),
  };
}

function header(c: Candidate, i: number, total: number, rules: Rule[]): string[] {
  const f = c.shown;
  const safe = (s: string) => escapeText(scrubSecrets(s, rules));
  const place = `${f.file}${f.cell !== undefined ? ` (cell ${f.cell})` : ''}:${f.line}:${f.column}`;
  const out = [
    `[${i + 1}/${total}] ${f.severity}  ${safe(f.ruleId)}: ${safe(f.message)}`,
    `  ${safe(place)}${f.preview ? `  ${safe(f.preview)}` : ''}`,
  ];
  if (f.commit) {
    const head = f.inHead === undefined ? '' : f.inHead ? ', still in HEAD' : ', no longer in HEAD';
    out.push(`  first committed in ${f.commit.slice(0, 12)}${head}`);
  }
  const others = (f.paths ?? []).filter((p) => p !== f.file);
  if (others.length)
    out.push(`  also committed as: ${others.slice(0, 5).map(safe).join(', ')}${others.length > 5 ? ', …' : ''}`);
  return out;
}

/**
 * Walk `candidates` at the terminal (`input`, `output`); `context` gives a
 * candidate's numbered, redacted lines. Returns the entries accepted, each
 * with its reason and expiry.
 */
export async function reviewCandidates(
  candidates: Candidate[],
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream },
  rules: Rule[],
  context: (c: Candidate) => string[] | undefined,
): Promise<ReviewOutcome> {
  const reader = lineReader(io.input);
  const say = (text: string) => io.output.write(text);
  const ask = async (prompt: string) => {
    say(prompt);
    return (await reader.next())?.trim();
  };
  const accepted: BaselineEntry[] = [];
  const counts = { accepted: 0, rejected: 0, skipped: 0, unreviewed: 0 };
  try {
    for (let i = 0; i < candidates.length; i++) {
      const c = candidates[i]!;
      const lines = context(c);
      say(
        `\n${header(c, i, candidates.length, rules).join('\n')}\n${lines ? lines.map((l) => `    ${l}`).join('\n') : '    (no context: the file cannot be read here)'}\n`,
      );
      let answer: string | undefined;
      for (;;) {
        answer = (await ask('Accept into the baseline? [a]ccept, [r]eject, [s]kip, [q]uit: '))?.toLowerCase();
        if (answer === undefined || ['a', 'accept', 'r', 'reject', 's', 'skip', 'q', 'quit'].includes(answer)) break;
        say('Please answer a, r, s or q.\n');
      }
      if (answer === undefined || answer.startsWith('q')) {
        counts.unreviewed = candidates.length - i;
        break;
      }
      if (answer.startsWith('r')) counts.rejected++;
      else if (answer.startsWith('s')) counts.skipped++;
      else {
        const reason = await askReason(ask, say, rules);
        const expires = reason === undefined ? undefined : await askExpiry(ask, say);
        if (reason === undefined || expires === undefined) {
          counts.unreviewed = candidates.length - i;
          break;
        }
        accepted.push(...c.entries.map((e) => ({ ...e, reason, ...(expires ? { expires } : {}) })));
        counts.accepted++;
      }
    }
  } finally {
    reader.close();
  }
  return { accepted, counts };
}

/** A reason is required; one that holds a secret is refused (the baseline is committed). Undefined at end of input. */
async function askReason(
  ask: (p: string) => Promise<string | undefined>,
  say: (t: string) => void,
  rules: Rule[],
): Promise<string | undefined> {
  for (;;) {
    const reason = await ask('Reason (why accepting it is safe, e.g. "revoked 2024-05-01"): ');
    if (reason === undefined) return undefined;
    if (!reason) say('A reason is required.\n');
    else if (scrubSecrets(reason, rules) !== reason)
      say('That reason looks like it holds a secret; describe it instead.\n');
    else return reason;
  }
}

/** '' for no expiry; a date after today; undefined at end of input. */
async function askExpiry(
  ask: (p: string) => Promise<string | undefined>,
  say: (t: string) => void,
): Promise<string | undefined> {
  for (;;) {
    const day = await ask('Expires on (YYYY-MM-DD, empty for never): ');
    if (day === undefined || day === '') return day;
    if (!isDay(day)) say('Write the date as YYYY-MM-DD.\n');
    else if (day <= today()) say('The date must be after today (from that day on the finding is reported again).\n');
    else return day;
  }
}
