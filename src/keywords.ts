// One pass over the text finds every rule keyword at once (Aho-Corasick,
// ASCII case-insensitive), so the cost of the prefilter does not grow with
// the number of rules.

export interface KeywordHit {
  keyword: number;
  /** Offset of the first character of the keyword in the text. */
  start: number;
}

const ALPHABET = 128; // 2 ** 7: a premultiplied state shifts back with >> 7

function fold(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

export class KeywordMatcher {
  private readonly goto: Int32Array;
  private readonly ends: Uint8Array;
  private readonly fail: Int32Array;
  /** For each state, the keywords that end there (including via fail links). */
  private readonly out: number[][];
  private readonly lengths: number[];

  constructor(readonly keywords: readonly string[]) {
    const maxStates = keywords.reduce((n, k) => n + k.length, 0) + 1;
    const trie = new Int32Array(maxStates * ALPHABET).fill(-1);
    const out: number[][] = [[]];
    let states = 1;
    keywords.forEach((kw, index) => {
      let s = 0;
      for (let i = 0; i < kw.length; i++) {
        const c = fold(kw.charCodeAt(i));
        if (c >= ALPHABET) throw new Error(`keyword must be ASCII: ${kw}`);
        const slot = s * ALPHABET + c;
        if (trie[slot] === -1) {
          trie[slot] = states;
          out.push([]);
          states++;
        }
        s = trie[slot]!;
      }
      out[s]!.push(index);
    });
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (let c = 0; c < ALPHABET; c++) {
      const next = trie[c]!;
      if (next === -1) trie[c] = 0;
      else {
        fail[next] = 0;
        queue.push(next);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head]!;
      for (let c = 0; c < ALPHABET; c++) {
        const slot = s * ALPHABET + c;
        const next = trie[slot]!;
        if (next === -1) {
          trie[slot] = trie[fail[s]! * ALPHABET + c]!;
        } else {
          const f = trie[fail[s]! * ALPHABET + c]!;
          fail[next] = f;
          if (out[f]!.length) out[next] = out[next]!.concat(out[f]!);
          queue.push(next);
        }
      }
    }
    // Transitions hold the next state premultiplied by ALPHABET, and a byte per state says whether any
    // keyword ends there: the inner loop is one add, one load and one test per character.
    const table = new Int32Array(states * ALPHABET);
    for (let i = 0; i < table.length; i++) table[i] = trie[i]! * ALPHABET;
    const ends = new Uint8Array(states);
    for (let st = 0; st < states; st++) ends[st] = out[st]!.length ? 1 : 0;
    this.goto = table;
    this.ends = ends;
    this.fail = fail;
    this.out = out;
    this.lengths = keywords.map((k) => k.length);
  }

  /** Every keyword occurrence, in text order of their end positions. */
  search(text: string): KeywordHit[] {
    const hits: KeywordHit[] = [];
    const goto = this.goto;
    const ends = this.ends;
    let s = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      let c = text.charCodeAt(i);
      if (c >= ALPHABET) {
        s = 0;
        continue;
      }
      if (c >= 65 && c <= 90) c += 32;
      s = goto[s + c]!;
      if (ends[s >> 7] === 1) {
        for (const k of this.out[s >> 7]!) hits.push({ keyword: k, start: i + 1 - this.lengths[k]! });
      }
    }
    return hits;
  }
}
