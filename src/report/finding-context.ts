// The lines around a finding, as `leaklint baseline --review` shows them:
// read from the commit that holds it (history) or the working tree, with the
// finding's own span masked, every other secret the rules find redacted, and
// nothing a terminal would act on. Read-only; never leaves the repository.
import { dirname, join } from 'node:path';
import type { ShownFinding } from '../suppress/baseline-candidates.js';
import { gitSync } from '../git/git.js';
import { notebookChunks } from '../scan/notebook.js';
import { readRegularFile } from '../sources/read-file.js';
import { checkedDir } from '../util/safe-write.js';
import { escapeText } from './safe-text.js';
import { decode } from '../scan/text.js';
import { Engine } from '../scan/engine.js';
import type { Finding, Rule } from '../types.js';

/** Lines shown before and after the finding's lines. */
export const CONTEXT_LINES = 3;
/** Longer lines (minified code) are cut around the finding. */
const WIDTH = 160;
const MAX_BYTES = 5 * 1024 * 1024;

function fromCommit(root: string, f: ShownFinding): Uint8Array | undefined {
  // A copy's first commit may hold the same file under another of its paths.
  for (const path of [f.file, ...(f.paths ?? []).filter((p) => p !== f.file)]) {
    const r = gitSync(root, ['cat-file', 'blob', `${f.commit}:${path}`]);
    if (r.status === 0) return r.stdout;
  }
  return undefined;
}

function fromWorktree(root: string, f: ShownFinding): Uint8Array | undefined {
  try {
    // Refuses a path leading out of the repository (a symlinked directory, `..`).
    const dir = checkedDir(root, dirname(join(root, f.file)), { target: join(root, f.file), verb: 'read' });
    const read = readRegularFile(join(dir, f.file.split('/').pop()!), MAX_BYTES);
    return read.kind === 'data' ? read.data : undefined;
  } catch {
    return undefined;
  }
}

/** The text the finding's line numbers count in: the file, or for a notebook the cell's chunk holding it. */
function textOf(root: string, f: ShownFinding): string | undefined {
  const data = (f.commit ? fromCommit(root, f) : undefined) ?? fromWorktree(root, f);
  if (!data) return undefined;
  const decoded = decode(data);
  if (decoded.kind !== 'text') return undefined;
  if (f.cell === undefined) return decoded.text;
  const chunks = notebookChunks(f.file, decoded.text, { kind: 'worktree' })?.filter((c) => c.cell === f.cell) ?? [];
  const holding = chunks.find((c) =>
    f.secret ? spanOf(c.text.split('\n'), f) === f.secret : c.text.split('\n').length >= f.endLine,
  );
  return (holding ?? chunks[0])?.text;
}

function spanOf(lines: string[], f: ShownFinding): string {
  const parts: string[] = [];
  for (let n = f.line; n <= f.endLine; n++) {
    const text = lines[n - 1] ?? '';
    parts.push(text.slice(n === f.line ? f.column - 1 : 0, n === f.endLine ? f.endColumn - 1 : text.length));
  }
  return parts.join('\n');
}

/** `line` cut to WIDTH characters, around `at` when it is long. */
function cut(line: string, at: number): string {
  if (line.length <= WIDTH) return line;
  const start = Math.max(0, Math.min(at - WIDTH / 2, line.length - WIDTH));
  return `${start > 0 ? '…' : ''}${line.slice(start, start + WIDTH)}${start + WIDTH < line.length ? '…' : ''}`;
}

interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** `lines` (numbered from `first`) with the span replaced by `shown`; lines inside a multi-line span become empty. */
function mask(lines: string[], first: number, span: Span, shown: string): void {
  for (let n = Math.max(span.line, first); n <= Math.min(span.endLine, first + lines.length - 1); n++) {
    const line = lines[n - first]!;
    const from = n === span.line ? span.column - 1 : 0;
    const to = n === span.endLine ? span.endColumn - 1 : line.length;
    lines[n - first] = line.slice(0, from) + (n === span.line ? shown : '') + line.slice(Math.max(from, to));
  }
}

/** Every secret the rules find in the window, multi-line ones (keys) included, masked by place. */
function maskOthers(lines: string[], f: ShownFinding, rules: Rule[]): void {
  let found: Finding[];
  try {
    found = new Engine(rules).scan({
      path: f.file,
      text: lines.join('\n'),
      startLine: 1,
      origin: { kind: 'worktree' },
    });
  } catch {
    found = [];
  }
  // Right to left, so earlier columns stay where they are.
  for (const o of found.sort((a, b) => b.line - a.line || b.column - a.column))
    mask(lines, 1, o, o.preview || '********');
}

/**
 * Numbered lines around the finding, safe to print; undefined when the text
 * cannot be read (gone from the working tree, binary, out of the repository).
 */
export function findingContext(root: string, f: ShownFinding, rules: Rule[]): string[] | undefined {
  const text = textOf(root, f);
  if (text === undefined) return undefined;
  const all = text.split('\n');
  if (all.length > 1 && all[all.length - 1] === '') all.pop();
  if (f.line > all.length) return undefined;
  const first = Math.max(1, f.line - CONTEXT_LINES);
  const last = Math.min(all.length, f.endLine + CONTEXT_LINES);
  const lines = all.slice(first - 1, last);
  // The finding's own span first: its value is known by place even when no rule would find it again.
  mask(lines, first, f, f.preview || '********');
  if (f.secret)
    for (let i = 0; i < lines.length; i++) lines[i] = lines[i]!.split(f.secret).join(f.preview || '********');
  maskOthers(lines, f, rules);
  const width = String(last).length;
  return lines.map((line, i) => {
    const n = first + i;
    return `${String(n).padStart(width)} ${n >= f.line && n <= f.endLine ? '>' : '|'} ${cut(escapeText(line), n === f.line ? f.column : 0)}`;
  });
}
