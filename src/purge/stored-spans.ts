// A secret the scanner decoded (base64 in a Kubernetes Secret, a Basic
// header, a .dockerconfigjson) or joined (a token split across string
// literals) is not stored the way it was reported: filter-repo can only
// replace what the file holds. The finding's place names that text; this
// reads it back from the commit that first held it.
import type { Finding } from '../types.js';
import { gitSync } from '../git/git.js';
import { readBlobsText } from '../sources/diff/blobs.js';

/** Longest stored form purged this way: a base64 run or a joined expression, never a whole file. */
const MAX_SPAN = 8192;

/** The text between a finding's start and end in `text` (1-based lines and columns, the end exclusive). */
export function spanOf(
  text: string,
  f: Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>,
): string | undefined {
  let offset = 0;
  let start: number | undefined;
  let end: number | undefined;
  let line = 1;
  for (;;) {
    if (line === f.line) start = offset + f.column - 1;
    if (line === f.endLine) {
      end = offset + f.endColumn - 1;
      break;
    }
    const nl = text.indexOf('\n', offset);
    if (nl === -1) return undefined;
    offset = nl + 1;
    line++;
  }
  if (start === undefined || end <= start || end > text.length) return undefined;
  return text.slice(start, end);
}

/** The stored text of every content finding whose value the file does not hold as it was reported. */
export function storedForms(root: string, findings: Finding[], maxSize: number): string[] {
  // Notebook findings are placed by cell, not by the file's own lines and columns: their stored forms
  // (JSON escapes) come from the secret itself (forms.ts).
  const wanted = findings.filter(
    (f) =>
      f.kind === 'content' &&
      f.secret &&
      !f.file.endsWith('.ipynb') &&
      // cat-file reads one name a line: a file name with a line break would shift every answer after it.
      !/[\r\n]/.test(f.file) &&
      (f.history?.firstCommit ?? (f.origin.kind === 'commit' ? f.origin.commit : undefined)),
  );
  if (wanted.length === 0) return [];
  const names = wanted.map(
    (f) => `${(f.history?.firstCommit ?? (f.origin as { commit: { sha: string } }).commit).sha}:${f.file}`,
  );
  const r = gitSync(root, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], names.join('\n') + '\n');
  if (r.status !== 0) return [];
  const oids = r.stdout
    .toString('latin1')
    .split('\n')
    .slice(0, names.length)
    .map((l) => (l.endsWith(' blob') ? l.slice(0, -' blob'.length) : undefined));
  const texts = readBlobsText(
    root,
    oids.filter((o): o is string => Boolean(o)),
    maxSize,
  );
  const out = new Set<string>();
  wanted.forEach((f, i) => {
    const text = oids[i] ? texts.get(oids[i]!) : undefined;
    const span = text === undefined ? undefined : spanOf(text, f)?.replace(/\r$/, '');
    if (span && span.length >= 8 && span.length <= MAX_SPAN && !span.includes(f.secret)) out.add(span);
  });
  return [...out];
}
