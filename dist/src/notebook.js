import { normaliseEol } from './text.js';
function joinSource(source) {
    if (typeof source === 'string')
        return source;
    if (Array.isArray(source) && source.every((s) => typeof s === 'string'))
        return source.join('');
    return undefined;
}
/**
 * Terminal colour codes (IPython colours tracebacks, loggers colour streams):
 * the `m` that ends one would glue onto a token and hide its left edge.
 */
const ANSI_ESCAPE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
function stripAnsi(text) {
    return text.includes('\u001b') ? text.replace(ANSI_ESCAPE, '') : text;
}
/** A JSON output as text; a hostile notebook can nest it deeply enough to overflow the stack, and then it is skipped. */
function stringifyOutput(value) {
    try {
        return JSON.stringify(value);
    }
    catch {
        return undefined;
    }
}
function outputTexts(outputs) {
    if (!Array.isArray(outputs))
        return [];
    const texts = [];
    for (const out of outputs) {
        if (!out || typeof out !== 'object')
            continue;
        const o = out;
        const stream = joinSource(o.text);
        if (stream !== undefined)
            texts.push(stream);
        const data = o.data;
        if (data && typeof data === 'object') {
            for (const [mime, value] of Object.entries(data)) {
                // image/*, application/pdf … are encoded binaries: skipped.
                if (!mime.startsWith('text/') && mime !== 'application/json' && mime !== 'application/javascript')
                    continue;
                const text = typeof value === 'string' || Array.isArray(value) ? joinSource(value) : stringifyOutput(value);
                if (text !== undefined)
                    texts.push(text);
            }
        }
        let traceback = '';
        if (Array.isArray(o.traceback))
            texts.push((traceback = stripAnsi(o.traceback.filter((t) => typeof t === 'string').join('\n'))));
        // The traceback's last line normally repeats the error value: scan it once.
        if (typeof o.evalue === 'string' && !traceback.includes(stripAnsi(o.evalue)))
            texts.push(o.evalue);
    }
    // text/plain and text/markdown of one result are often the same text: one finding, not two.
    // Progress bars redraw with lone CRs: each redraw counts as a line, as in a file.
    return [...new Set(texts.map((t) => normaliseEol(stripAnsi(t))))];
}
/** The chunks of a notebook, or undefined when it is not valid notebook JSON (scan it as text then). */
export function notebookChunks(path, text, origin) {
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    const cells = doc?.cells;
    if (!Array.isArray(cells))
        return undefined;
    const chunks = [];
    cells.forEach((raw, i) => {
        if (!raw || typeof raw !== 'object')
            return;
        const cell = raw;
        const cellNo = i + 1;
        const source = joinSource(cell.source);
        if (source)
            chunks.push({ path, text: normaliseEol(source), startLine: 1, origin, cell: cellNo });
        for (const out of outputTexts(cell.outputs)) {
            if (out)
                chunks.push({ path, text: out, startLine: 1, origin, cell: cellNo });
        }
    });
    return chunks;
}
