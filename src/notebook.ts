// Jupyter notebooks: scan what a person wrote and what the kernel printed,
// never the base64 of images. Findings name the cell and the line in it.
import type { Chunk, Origin } from './types.js';

interface Cell {
  source?: unknown;
  outputs?: unknown;
}

function joinSource(source: unknown): string | undefined {
  if (typeof source === 'string') return source;
  if (Array.isArray(source) && source.every((s) => typeof s === 'string')) return source.join('');
  return undefined;
}

function outputTexts(outputs: unknown): string[] {
  if (!Array.isArray(outputs)) return [];
  const texts: string[] = [];
  for (const out of outputs) {
    if (!out || typeof out !== 'object') continue;
    const o = out as Record<string, unknown>;
    const stream = joinSource(o.text);
    if (stream !== undefined) texts.push(stream);
    const data = o.data as Record<string, unknown> | undefined;
    if (data && typeof data === 'object') {
      for (const [mime, value] of Object.entries(data)) {
        // image/*, application/pdf … are encoded binaries: skipped.
        if (!mime.startsWith('text/') && mime !== 'application/json' && mime !== 'application/javascript') continue;
        const text = typeof value === 'string' || Array.isArray(value) ? joinSource(value) : JSON.stringify(value);
        if (text !== undefined) texts.push(text);
      }
    }
    if (Array.isArray(o.traceback)) texts.push(o.traceback.filter((t) => typeof t === 'string').join('\n'));
    if (typeof o.evalue === 'string') texts.push(o.evalue);
  }
  return texts;
}

/** The chunks of a notebook, or undefined when it is not valid notebook JSON (scan it as text then). */
export function notebookChunks(path: string, text: string, origin: Origin): Chunk[] | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  const cells = (doc as { cells?: unknown })?.cells;
  if (!Array.isArray(cells)) return undefined;
  const chunks: Chunk[] = [];
  cells.forEach((raw, i) => {
    if (!raw || typeof raw !== 'object') return;
    const cell = raw as Cell;
    const cellNo = i + 1;
    const source = joinSource(cell.source);
    if (source) chunks.push({ path, text: source, startLine: 1, origin, cell: cellNo });
    for (const out of outputTexts(cell.outputs)) {
      if (out) chunks.push({ path, text: out, startLine: 1, origin, cell: cellNo });
    }
  });
  return chunks;
}
