// Jupyter notebooks: scan what a person wrote and what the kernel printed,
// never the base64 of images. Findings name the cell and the line in it.
import type { Chunk, Origin } from '../types.js';
import { normaliseEol } from './text.js';

interface Cell {
  source?: unknown;
  outputs?: unknown;
}

function joinSource(source: unknown): string | undefined {
  if (typeof source === 'string') return source;
  if (Array.isArray(source)) return source.map(elementText).join('');
  return undefined;
}

/**
 * A source element as text: Jupyter writes only strings, but a hand-made
 * notebook can put an object or list in, and one such element must not hide
 * the rest of the cell (or itself) from the scan. Numbers and nulls hold no
 * secret.
 */
function elementText(element: unknown): string {
  if (typeof element === 'string') return element;
  if (element && typeof element === 'object') return `\n${stringifyOutput(element) ?? ''}\n`;
  return '';
}

/** Output types shown as text or structured data (`application/vnd.*`: Plotly, Vega, widget views …), not encoded binaries. */
function isTextMime(mime: string): boolean {
  return (
    mime.startsWith('text/') ||
    mime === 'application/json' ||
    mime === 'application/javascript' ||
    mime.startsWith('application/vnd.')
  );
}

/**
 * Terminal colour codes (IPython colours tracebacks, loggers colour streams):
 * the `m` that ends one would glue onto a token and hide its left edge.
 */
const ANSI_ESCAPE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

function stripAnsi(text: string): string {
  return text.includes('\u001b') ? text.replace(ANSI_ESCAPE, '') : text;
}

/** A JSON output as text; a hostile notebook can nest it deeply enough to overflow the stack, and then it is skipped. */
function stringifyOutput(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
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
        if (!isTextMime(mime)) continue;
        const text = typeof value === 'string' || Array.isArray(value) ? joinSource(value) : stringifyOutput(value);
        if (text !== undefined) texts.push(text);
      }
    }
    let traceback = '';
    if (Array.isArray(o.traceback))
      texts.push((traceback = stripAnsi(o.traceback.filter((t) => typeof t === 'string').join('\n'))));
    // The traceback's last line normally repeats the error value: scan it once.
    if (typeof o.evalue === 'string' && !traceback.includes(stripAnsi(o.evalue))) texts.push(o.evalue);
  }
  // text/plain and text/markdown of one result are often the same text: one finding, not two.
  // Progress bars redraw with lone CRs: each redraw counts as a line, as in a file.
  return [...new Set(texts.map((t) => normaliseEol(stripAnsi(t))))];
}

const WIDGET_STATE = 'application/vnd.jupyter.widget-state+json';

/**
 * Chunks for the widget state a notebook saved (`metadata.widgets`): what was
 * typed into a widget is stored with the notebook, a Password widget's value
 * in clear. Each model's state is scanned as JSON, and a Password widget's
 * value as the password assignment it is. Chunks start at the file line that
 * holds the value (JSON.stringify writes it as the notebook does).
 */
function widgetChunks(path: string, text: string, doc: unknown, origin: Origin): Chunk[] {
  const widgets = (doc as { metadata?: { widgets?: Record<string, unknown> } })?.metadata?.widgets;
  const state = (widgets?.[WIDGET_STATE] as { state?: unknown } | undefined)?.state;
  if (!state || typeof state !== 'object') return [];
  const lineOf = (value: string) => {
    const at = text.indexOf(JSON.stringify(value));
    return at === -1 ? 1 : lineCount(text, at);
  };
  const chunks: Chunk[] = [];
  for (const model of Object.values(state as Record<string, unknown>)) {
    if (!model || typeof model !== 'object') continue;
    const { model_name: name, state: fields } = model as { model_name?: unknown; state?: unknown };
    if (!fields || typeof fields !== 'object') continue;
    const value = (fields as { value?: unknown }).value;
    if (name === 'PasswordModel' && typeof value === 'string' && value !== '') {
      chunks.push({ path, text: `password = ${JSON.stringify(value)}`, startLine: lineOf(value), origin });
      continue;
    }
    const json = stringifyOutput(fields);
    if (json)
      chunks.push({ path, text: json, startLine: typeof value === 'string' && value ? lineOf(value) : 1, origin });
  }
  return chunks;
}

/** The 1-based line of offset `at`. */
function lineCount(text: string, at: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
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
    if (source) chunks.push({ path, text: normaliseEol(source), startLine: 1, origin, cell: cellNo });
    for (const out of outputTexts(cell.outputs)) {
      if (out) chunks.push({ path, text: out, startLine: 1, origin, cell: cellNo });
    }
  });
  chunks.push(...widgetChunks(path, text, doc, origin));
  return chunks;
}
