// Configuration files are edited by hand, so they may hold what editors call
// JSONC: `//` and `/* */` comments and trailing commas. This reads that
// dialect without a parser dependency: comments and trailing commas become
// spaces (so every offset stays where the user sees it), a small scanner
// checks the grammar and notes where each key is, and JSON.parse builds the
// value. Errors, and the keys a configuration check complains about, are
// then named by line and column.

export class JsoncError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${line}:${column}: ${message}`);
  }
}

/** The 1-based line and column of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

function fail(text: string, offset: number, message: string): never {
  const { line, column } = lineColumn(text, offset);
  throw new JsoncError(message, line, column);
}

/**
 * `text` with comments and trailing commas replaced by spaces (line breaks
 * inside a block comment kept), strings left exactly as they are.
 */
export function stripJsonc(text: string): string {
  const out = text.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
  };
  let lastComma = -1;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
      lastComma = -1;
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) fail(text, i, 'a /* comment is never closed');
      blank(i, end + 2);
      i = end + 2;
    } else if (c === ',') {
      lastComma = i++;
    } else if (c === '}' || c === ']') {
      if (lastComma !== -1) out[lastComma] = ' ';
      lastComma = -1;
      i++;
    } else {
      if (!/\s/.test(c)) lastComma = -1;
      i++;
    }
  }
  return out.join('');
}

/**
 * Checks the grammar of plain JSON `text` and returns where every key and
 * array element starts, by path: `allowlist.paths`, `rules[0].id`.
 */
function scan(text: string): Map<string, number> {
  const at = new Map<string, number>();
  let i = 0;
  const space = () => {
    while (i < text.length && /[ \t\n\r]/.test(text[i]!)) i++;
  };
  const what = () =>
    i >= text.length
      ? 'the end of the file'
      : /[\x21-\x7e]/.test(text[i]!)
        ? `'${text[i]}'`
        : 'a character that is not allowed here';
  const string = (): string => {
    const start = i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i]! < ' ')
        fail(text, i, 'a line break or control character inside a string (write it as \\n or \\uXXXX)');
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail(text, start, 'a string is never closed');
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return fail(text, start, 'a string holds an invalid escape (\\ \\" \\n \\t \\uXXXX … are valid)');
    }
  };
  const value = (path: string, depth = 0): void => {
    space();
    if (depth > 100) fail(text, i, 'nested more than 100 levels deep');
    if (path) at.set(path, i);
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') return void i++;
      for (;;) {
        space();
        if (text[i] !== '"') fail(text, i, `expected a key in double quotes, found ${what()}`);
        const keyAt = i;
        const key = string();
        const child = path ? `${path}.${key}` : key;
        space();
        if (text[i] !== ':') fail(text, i, `expected ':' after the key "${key}", found ${what()}`);
        i++;
        value(child, depth + 1);
        at.set(child, keyAt);
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') return void i++;
        fail(text, i, `expected ',' or '}', found ${what()}`);
      }
    }
    if (c === '[') {
      i++;
      space();
      if (text[i] === ']') return void i++;
      for (let n = 0; ; n++) {
        value(`${path}[${n}]`, depth + 1);
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') return void i++;
        fail(text, i, `expected ',' or ']', found ${what()}`);
      }
    }
    if (c === '"') return void string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!literal) fail(text, i, `expected a value, found ${what()}`);
    i += literal[0].length;
  };
  value('');
  space();
  if (i < text.length) fail(text, i, `unexpected ${what()} after the end of the configuration`);
  return at;
}

export interface Jsonc {
  value: unknown;
  /** Line and column of a key (or array element) by its path (`overrides[0].files`), or undefined. */
  locate(path: string): { line: number; column: number } | undefined;
}

/** Parse JSON with comments and trailing commas; a JsoncError names the line and column. */
export function parseJsonc(text: string): Jsonc {
  const plain = stripJsonc(text.replace(/^\uFEFF/, ' '));
  const at = scan(plain);
  return {
    value: JSON.parse(plain) as unknown,
    locate(path) {
      const offset = at.get(path);
      return offset === undefined ? undefined : lineColumn(text, offset);
    },
  };
}
