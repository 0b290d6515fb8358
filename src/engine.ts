// Chunks × rules → findings. Never prints, never imports rules/: the caller
// hands it the rule set.
import type { Chunk, ContentRule, Finding, Origin, PathRule, Rule, RuleMatch } from './types.js';
import { KeywordMatcher } from './keywords.js';
import { isPlaceholder } from './placeholder.js';
import { fingerprint, normalisePath, preview } from './redact.js';
import { lineIndexAt, lineStarts } from './text.js';
import { inlineDirective } from './suppress.js';

interface Window {
  start: number;
  end: number;
}

/**
 * A copy of a matched secret that does not keep the scanned text alive:
 * V8 slices point into their parent string, so a finding kept from a
 * history scan would otherwise pin the whole decoded file in memory.
 */
function detach(secret: string): string {
  return JSON.parse(JSON.stringify(secret)) as string;
}

export class Engine {
  readonly contentRules: ContentRule[];
  readonly pathRules: PathRule[];
  private readonly matcher: KeywordMatcher;
  /** For each keyword index, the rules that listed it. */
  private readonly rulesOf: number[][];

  constructor(rules: readonly Rule[]) {
    this.contentRules = rules.filter((r): r is ContentRule => r.kind === 'content');
    this.pathRules = rules.filter((r): r is PathRule => r.kind === 'path');
    const keywordIndex = new Map<string, number>();
    const rulesOf: number[][] = [];
    this.contentRules.forEach((rule, ri) => {
      for (const raw of rule.keywords) {
        const kw = raw.toLowerCase();
        let k = keywordIndex.get(kw);
        if (k === undefined) {
          k = keywordIndex.size;
          keywordIndex.set(kw, k);
          rulesOf.push([]);
        }
        if (!rulesOf[k]!.includes(ri)) rulesOf[k]!.push(ri);
      }
    });
    this.matcher = new KeywordMatcher([...keywordIndex.keys()]);
    this.rulesOf = rulesOf;
  }

  /** Content findings for one chunk, inline directives already applied (see `suppressed`). */
  scan(chunk: Chunk): Finding[] {
    const text = chunk.text;
    const hits = this.matcher.search(text);
    if (hits.length === 0) return [];

    // Group keyword hits by rule, as windows of whole lines around each hit.
    const windows = new Map<number, Window[]>();
    let starts: number[] | undefined;
    for (const hit of hits) {
      for (const ri of this.rulesOf[hit.keyword]!) {
        const rule = this.contentRules[ri]!;
        const ctx = rule.contextLines ?? 0;
        let list = windows.get(ri);
        if (!list) windows.set(ri, (list = []));
        const last = list[list.length - 1];
        if (last && hit.start < last.end && ctx === 0) continue;
        let ws: number;
        let we: number;
        if (ctx === 0) {
          ws = text.lastIndexOf('\n', hit.start - 1) + 1;
          we = text.indexOf('\n', hit.start);
          if (we === -1) we = text.length;
        } else {
          starts ??= lineStarts(text);
          const li = lineIndexAt(starts, hit.start);
          ws = starts[Math.max(0, li - ctx)]!;
          const endLine = li + ctx + 1;
          we = endLine < starts.length ? starts[endLine]! - 1 : text.length;
        }
        if (last && ws <= last.end) last.end = Math.max(last.end, we);
        else list.push({ start: ws, end: we });
      }
    }

    const raw: { rule: ContentRule; m: RuleMatch; start: number; end: number }[] = [];
    for (const [ri, list] of windows) {
      const rule = this.contentRules[ri]!;
      const seen = new Set<string>();
      for (const w of list) {
        const windowText = text.slice(w.start, w.end);
        for (const m of rule.match(windowText, { path: chunk.path })) {
          const start = w.start + m.start;
          const end = w.start + m.end;
          const key = `${start}:${end}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const secret = m.secret ?? windowText.slice(m.start, m.end);
          if (!rule.ownPlaceholderCheck && isPlaceholder(secret, m.visiblePrefix ?? 0)) continue;
          raw.push({ rule, m: { ...m, secret }, start, end });
        }
      }
    }
    if (raw.length === 0) return [];

    // A provider rule's finding wins over a fallback rule's on the same text.
    const specific = raw.filter((r) => !r.rule.fallback);
    const kept = raw.filter(
      (r) => !r.rule.fallback || !specific.some((s) => s.start < r.end && r.start < s.end),
    );

    starts ??= lineStarts(text);
    const lines = starts;
    const lineText = (i: number) => text.slice(lines[i]!, i + 1 < lines.length ? lines[i + 1]! - 1 : text.length);
    const trueLine = (i: number) => chunk.lineNumbers?.[i] ?? chunk.startLine + i;
    const findings: Finding[] = [];
    // Minified files put thousands of matches on one long line: read its directive once.
    const directives = new Map<number, string | undefined>();
    for (const { rule, m, start, end } of kept) {
      const li = lineIndexAt(lines, start);
      const le = lineIndexAt(lines, Math.max(start, end - 1));
      const secret = detach(m.secret!);
      const finding: Finding = {
        ruleId: rule.id,
        provider: rule.provider,
        severity: m.severity ?? rule.severity,
        message: m.message ?? rule.title,
        file: normalisePath(chunk.path),
        line: trueLine(li),
        column: start - lines[li]! + 1,
        endLine: trueLine(le),
        endColumn: end - lines[le]! + 1,
        secret,
        preview: preview(secret, m.visiblePrefix ?? 0),
        fingerprint: fingerprint(rule.id, chunk.path, secret),
        origin: chunk.origin,
        kind: 'content',
      };
      if (chunk.cell !== undefined) finding.cell = chunk.cell;
      // In diff chunks the chunk's previous line may sit far above in the file: a
      // next-line directive there speaks about another line.
      let directive = directives.get(li);
      if (!directives.has(li)) {
        const previousIsAdjacent = li > 0 && trueLine(li - 1) === trueLine(li) - 1;
        directive = inlineDirective(lineText(li), previousIsAdjacent ? lineText(li - 1) : undefined);
        directives.set(li, directive);
      }
      if (directive) finding.suppressed = `inline: ${directive}`;
      findings.push(finding);
    }
    findings.sort((a, b) => a.line - b.line || a.column - b.column);
    return findings;
  }

  /** Path findings: is this a credential file that must not be committed? */
  scanPath(path: string, origin: Origin, content: () => string | undefined): Finding[] {
    const file = normalisePath(path);
    const findings: Finding[] = [];
    for (const rule of this.pathRules) {
      if (!rule.test(file, content)) continue;
      findings.push({
        ruleId: rule.id,
        provider: rule.provider,
        severity: rule.severity,
        message: rule.title,
        file,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        secret: '',
        preview: file,
        fingerprint: fingerprint(rule.id, file, ''),
        origin,
        kind: 'path',
      });
    }
    return findings;
  }
}
