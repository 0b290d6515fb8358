// One file's content, scanned: notebooks cell by cell, everything else as
// bytes. The scanner does this on the main thread; a history audit's triage
// worker does it on its own thread for the blobs it reads, and hands back
// only the findings.
import type { Finding, Origin } from '../types.js';
import type { Engine, OverBudget } from './engine.js';
import { decode } from './text.js';
import { notebookChunks } from './notebook.js';

/** What one file's content gave. */
export interface ContentScan {
  /** Binary content: not scanned. */
  binary: boolean;
  findings: Finding[];
  /** What the person reading the report should know (a notebook that is not valid JSON). */
  warnings: string[];
  /** Rules that ran out of their time budget on this file (see `ContentRule.timeBudgetMs`). */
  overBudget: OverBudget[];
}

/**
 * Scan the content of one file that is within the size limit. `triaged`:
 * the caller's `engine.triage` of these bytes said 'scan' (not run again).
 */
export function scanContent(
  engine: Engine,
  path: string,
  data: Uint8Array,
  origin: Origin,
  triaged = false,
): ContentScan {
  const out: ContentScan = { binary: false, findings: [], warnings: [], overBudget: [] };
  if (!path.toLowerCase().endsWith('.ipynb')) {
    const found = engine.scanBytes(path, data, origin, triaged);
    if (found === undefined) out.binary = true;
    else out.findings = found;
  } else {
    const d = decode(data);
    if (d.kind !== 'text') out.binary = true;
    else {
      const cells = notebookChunks(path, d.text, origin);
      if (cells) for (const chunk of cells) for (const f of engine.scan(chunk)) out.findings.push(f);
      else {
        out.warnings.push(`${path}: not valid notebook JSON, scanned as plain text`);
        out.findings = engine.scan({ path, text: d.text, startLine: 1, origin });
      }
    }
  }
  out.overBudget = engine.takeOverBudget();
  return out;
}

/**
 * `scanContent` of one file version of a history, keeping of its findings
 * with the same rule, secret and inline directive only the first by place.
 * De-duplication reports a secret once, at its first place in its first
 * file version, and learns nothing from the others of the same version (its
 * commits, paths and refs are the version's); a generated file can hold the
 * same credential a hundred thousand times, each a finding kept to the end
 * of the audit. What the configuration and the baseline decide goes by
 * rule, path and secret, so it is the same for all of them.
 */
export function scanHistoryVersion(
  engine: Engine,
  path: string,
  data: Uint8Array,
  origin: Origin,
  triaged = false,
): ContentScan {
  const out = scanContent(engine, path, data, origin, triaged);
  out.findings = firstOfEachSecret(out.findings);
  return out;
}

function firstOfEachSecret(findings: Finding[]): Finding[] {
  const first = new Map<string, Finding>();
  for (const f of findings) {
    const key = `${f.ruleId}\0${f.secret}\0${f.suppressed ?? ''}`;
    const seen = first.get(key);
    if (!seen || f.line < seen.line || (f.line === seen.line && f.column < seen.column)) first.set(key, f);
  }
  if (first.size === findings.length) return findings;
  const kept = new Set(first.values());
  return findings.filter((f) => kept.has(f));
}
