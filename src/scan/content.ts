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
