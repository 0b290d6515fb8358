// Regular expressions a configuration supplies (`rules[].regex`,
// `allowlist.regexes`) run on RE2, a linear-time engine, never on
// JavaScript's backtracking one: a pull request's own config could otherwise
// stall CI with a pattern no structural check recognises (`(a|[ab])*!`,
// `(a{1,30}){1,30}!` took 18–30 s on a 34-byte line). RE2's time is linear
// in the text, but its constant grows with the compiled program, so programs
// are capped, and a configured rule's time per file is bounded (engine.ts).
// The engine (the re2js package, pure JavaScript) is loaded only when a
// configuration holds such a pattern.
import { createRequire } from 'node:module';
import type { RE2JS as RE2JSPattern } from 're2js';

type Re2Module = typeof import('re2js');

/** Longer patterns are refused: nobody needs one. */
export const MAX_PATTERN_LENGTH = 1000;

/**
 * Compiled program size (RE2's measure of a pattern's cost per character)
 * allowed at most. A token pattern such as `acme_[A-Za-z0-9]{32}` is about
 * 40; `[A-Za-z0-9]{1,1000}` about 1,000. The cost of a search grows with it:
 * near the cap a kilobyte window takes up to ~70 ms.
 */
export const MAX_PROGRAM_SIZE = 2000;

/** How long one configured rule may search one file (or one allowlist pattern judge one file's findings). */
export const CONFIGURED_TIME_BUDGET_MS = 1000;

let re2: Re2Module | undefined;

/**
 * The RE2 engine, loaded on first use (a configuration without patterns never
 * loads it). In the shipped bundle (CommonJS) the bundler puts re2js behind
 * this `require`, evaluated on the first call; run from the sources (the
 * tests), it is read from node_modules.
 */
function engine(): Re2Module {
  if (re2) return re2;
  try {
    re2 = (typeof require === 'function' ? require('re2js') : createRequire(import.meta.url)('re2js')) as Re2Module;
  } catch (e) {
    throw new Error(
      `the re2js package, which runs configured regular expressions, cannot be loaded: ${(e as Error).message.split('\n')[0]}`,
    );
  }
  return re2;
}

/**
 * JavaScript constructs RE2 cannot run in linear time, found outside
 * character classes: named so the message says what to change.
 */
function unsupportedConstruct(source: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) return `a backreference \`\\${next}\``;
      if (!inClass && next === 'k' && source[i + 2] === '<') return 'a named backreference `\\k<…>`';
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '(' && source[i + 1] === '?') {
      const head = source.slice(i + 2, i + 4);
      if (head.startsWith('=') || head.startsWith('!')) return `a lookahead \`${source.slice(i, i + 3)}…\``;
      if (head === '<=' || head === '<!') return `a lookbehind \`${source.slice(i, i + 4)}…\``;
    }
  }
  return undefined;
}

/** RE2 flags for the JavaScript flags that mean something to one pattern; undefined when one has no RE2 equivalent. */
function re2Flags(flags: string, RE2JS: Re2Module['RE2JS']): number | undefined {
  let out = 0;
  for (const f of flags) {
    if (f === 'i') out |= RE2JS.CASE_INSENSITIVE;
    else if (f === 'm') out |= RE2JS.MULTILINE;
    else if (f === 's') out |= RE2JS.DOTALL;
    // RE2 always reads code points (u); g, d and y describe how a caller iterates, which the caller does.
    else if (!'ugdy'.includes(f)) return undefined;
  }
  return out;
}

export interface ConfiguredPattern {
  readonly source: string;
  readonly re: RE2JSPattern;
  /** Whether the pattern names a `secret` group. */
  readonly hasSecretGroup: boolean;
}

/** Patterns already compiled or refused: a configuration's are checked when it is read, then compiled into rules. */
const compiled = new Map<string, ConfiguredPattern | string>();

/** The pattern compiled for RE2, or why it cannot be (a sentence fragment: "is …", "uses …"). */
export function compileConfigured(source: string, flags = ''): ConfiguredPattern | string {
  const key = `${flags}/${source}`;
  let out = compiled.get(key);
  if (out === undefined) compiled.set(key, (out = compile(source, flags)));
  return out;
}

function compile(source: string, flags: string): ConfiguredPattern | string {
  if (source.length > MAX_PATTERN_LENGTH) return `is longer than ${MAX_PATTERN_LENGTH} characters`;
  const construct = unsupportedConstruct(source);
  if (construct)
    return `uses ${construct}, which configured patterns cannot: they run on a linear-time engine (RE2 syntax); match the text itself instead`;
  const { RE2JS } = engine();
  const bits = re2Flags(flags, RE2JS);
  if (bits === undefined) return `has flags "${flags}", of which only i, m, s and u are supported`;
  let re: RE2JSPattern;
  try {
    re = RE2JS.compile(RE2JS.translateRegExp(source), bits);
  } catch (e) {
    return `is not a valid regular expression: ${(e as Error).message}`;
  }
  const size = re.programSize();
  if (size > MAX_PROGRAM_SIZE)
    return `compiles to a program of ${size} instructions (at most ${MAX_PROGRAM_SIZE}): nested or large counted repetitions such as {1,30}{1,30} multiply; write a smaller pattern`;
  return { source, re, hasSecretGroup: 'secret' in re.namedGroups() };
}

/** `compileConfigured`, throwing its reason (for patterns a configuration has already been checked to hold). */
export function configuredPattern(source: string, flags = ''): ConfiguredPattern {
  const p = compileConfigured(source, flags);
  if (typeof p === 'string') throw new Error(`configured pattern ${JSON.stringify(source)} ${p}`);
  return p;
}
