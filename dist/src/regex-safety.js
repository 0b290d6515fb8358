// Guards on regular expressions a user's configuration supplies. JavaScript's
// engine backtracks, so one badly shaped pattern could stall a scan on a
// crafted file. The CLI uses a cheap structural check (microseconds, no
// dependency); the test suite checks built-in rules with a full ReDoS
// analyser and keeps this check in step with it.
/** Longer patterns are refused: nobody needs one, and they make analysis expensive. */
export const MAX_PATTERN_LENGTH = 1000;
/**
 * Shapes that make a backtracking engine blow up on long inputs: a repeated
 * group that itself repeats (`(a+)+`, `(\w*)*`), or a repeated alternation
 * whose branches can match the same text (`(a|a)*`, `(a|ab)+`). A cheap
 * structural check, not a proof; it errs on the side of refusing.
 */
export function superLinearShape(source) {
    const stripped = source.replace(/\\./g, 'x').replace(/\[(?:[^\]\\]|\\.)*\]/g, 'x');
    const stack = [];
    for (let i = 0; i < stripped.length; i++) {
        const ch = stripped[i];
        if (ch === '(')
            stack.push(i);
        else if (ch === ')') {
            const open = stack.pop();
            if (open === undefined)
                continue;
            const after = stripped[i + 1];
            const repeated = after === '*' || after === '+' || (after === '{' && /^\{\d+,\d*\}/.test(stripped.slice(i + 1)) && !/^\{\d+,\d+\}/.test(stripped.slice(i + 1)));
            if (!repeated)
                continue;
            const body = stripped.slice(open + 1, i).replace(/^\?(?::|<?[=!]|<[A-Za-z_]\w*>)/, '');
            if (/[*+]|\{\d+,\d*\}/.test(body))
                return 'a repeated group that contains a repetition';
            if (body.includes('|')) {
                const branches = body.split('|');
                for (let a = 0; a < branches.length; a++) {
                    for (let b = 0; b < branches.length; b++) {
                        if (a !== b && branches[b].startsWith(branches[a]))
                            return 'a repeated alternation whose branches overlap';
                    }
                }
            }
        }
    }
    return undefined;
}
/**
 * Why a user-supplied pattern is refused, or undefined when it may run:
 * it must compile, be of reasonable length, and have no super-linear shape.
 */
export function unsafePatternReason(source) {
    if (source.length > MAX_PATTERN_LENGTH)
        return `is longer than ${MAX_PATTERN_LENGTH} characters`;
    try {
        new RegExp(source);
    }
    catch (e) {
        return `is not a valid regular expression: ${e.message}`;
    }
    const danger = superLinearShape(source);
    if (danger)
        return `could take super-linear time (${danger}); rewrite it without nested or overlapping repetition`;
    return undefined;
}
