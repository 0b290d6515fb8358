// Guards on regular expressions. Built-in rules run on JavaScript's
// backtracking engine: the test suite checks them with a full ReDoS analyser
// and keeps the cheap structural check below in step with it. Patterns from
// a configuration run on a linear-time engine instead (configured-regex.ts):
// a structural check cannot recognise every bad shape (`(a|[ab])*!` passed it).
import { compileConfigured } from '../config/configured-regex.js';

export { MAX_PATTERN_LENGTH } from '../config/configured-regex.js';

/**
 * Shapes that make a backtracking engine blow up on long inputs: a repeated
 * group that itself repeats (`(a+)+`, `(\w*)*`), or a repeated alternation
 * whose branches can match the same text (`(a|a)*`, `(a|ab)+`). A cheap
 * structural check, not a proof; it errs on the side of refusing.
 */
export function superLinearShape(source: string): string | undefined {
  const stripped = source.replace(/\\./g, 'x').replace(/\[(?:[^\]\\]|\\.)*\]/g, 'x');
  const stack: number[] = [];
  for (let i = 0; i < stripped.length; i++) {
    const ch = stripped[i];
    if (ch === '(') stack.push(i);
    else if (ch === ')') {
      const open = stack.pop();
      if (open === undefined) continue;
      const after = stripped[i + 1];
      const repeated =
        after === '*' ||
        after === '+' ||
        (after === '{' && /^\{\d+,\d*\}/.test(stripped.slice(i + 1)) && !/^\{\d+,\d+\}/.test(stripped.slice(i + 1)));
      if (!repeated) continue;
      const body = stripped.slice(open + 1, i).replace(/^\?(?::|<?[=!]|<[A-Za-z_]\w*>)/, '');
      if (/[*+]|\{\d+,\d*\}/.test(body)) return 'a repeated group that contains a repetition';
      if (body.includes('|')) {
        const branches = body.split('|');
        for (let a = 0; a < branches.length; a++) {
          for (let b = 0; b < branches.length; b++) {
            if (a !== b && branches[b]!.startsWith(branches[a]!))
              return 'a repeated alternation whose branches overlap';
          }
        }
      }
    }
  }
  return undefined;
}

/**
 * Why a user-supplied pattern is refused, or undefined when it may run: it
 * must be of reasonable length and compile for the linear-time engine
 * (no backreference or lookaround, a bounded program).
 */
export function unsafePatternReason(source: string): string | undefined {
  const compiled = compileConfigured(source);
  return typeof compiled === 'string' ? compiled : undefined;
}
