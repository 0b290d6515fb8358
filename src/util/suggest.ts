// "Did you mean …?" for a mistyped command, option or configuration key: the
// closest known name by edit distance, when it is close enough to be the
// likely intent (a wild guess is worse than none).

/** Levenshtein distance, with a swap of two neighbours counted as one edit (`stagde` → `staged`). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0]!.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]!.push(d);
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The known name closest to `given` (case ignored), or undefined when none
 * is within a third of its length (at least one edit, at most three).
 */
export function closest(given: string, known: Iterable<string>): string | undefined {
  const g = given.toLowerCase();
  const limit = Math.min(3, Math.max(1, Math.floor(g.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of known) {
    const d = editDistance(g, name.toLowerCase());
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** `; did you mean "x"?` (with the quoting `quote` gives), or the empty string when nothing is close. */
export function didYouMean(
  given: string,
  known: Iterable<string>,
  quote: (name: string) => string = (n) => `"${n}"`,
): string {
  const match = closest(given, known);
  return match === undefined ? '' : `; did you mean ${quote(match)}?`;
}
