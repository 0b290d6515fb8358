// A private key's body filled into a BEGIN/END block that was committed
// before is, in a diff, base64 lines with no BEGIN or END: alone they look
// like any other data, and the key rule cannot judge them. When added lines
// look like a key body, the new file's lines of the whole block around them
// are scanned with them.
import type { AddedLine } from './patch.js';

/** A line of a PEM body: base64 only (64 characters per line as written; shorter last lines are never alone). */
const BODY_LINE = /^\s*[A-Za-z0-9+/]{40,}={0,2}\s*$/;
const BEGIN = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/;
const END = /-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/;
/** A block longer than this is no key (the key rule looks this far for its END). */
const MAX_BLOCK_LINES = 200;

/** Whether some added line could be part of a key's body. */
export function mayFillKeyBlock(added: readonly AddedLine[]): boolean {
  return added.some((l) => BODY_LINE.test(l.text));
}

/**
 * The added lines together with every line of the private-key blocks of
 * `text` (the new file) that hold one of them, in line order. Linear in the
 * file's lines.
 */
export function withKeyBlocks(added: readonly AddedLine[], text: string): AddedLine[] {
  const wanted = new Set(added.map((l) => l.line));
  const lines = text.split('\n');
  const byLine = new Map(added.map((l) => [l.line, l]));
  let begin = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (begin !== -1 && i - begin > MAX_BLOCK_LINES) begin = -1;
    if (begin === -1) {
      if (BEGIN.test(line) && !END.test(line)) begin = i;
      continue;
    }
    if (!END.test(line)) continue;
    let touched = false;
    for (let j = begin; j <= i && !touched; j++) touched = wanted.has(j + 1);
    if (touched)
      for (let j = begin; j <= i; j++)
        if (!byLine.has(j + 1)) byLine.set(j + 1, { line: j + 1, text: lines[j]!.replace(/\r$/, '') });
    begin = -1;
  }
  return [...byLine.values()].sort((a, b) => a.line - b.line);
}
