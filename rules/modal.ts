import type { ContentRule, PathRule, Rule, RuleMatch } from '../src/types.js';
import { LEFT, RIGHT_WITH_DASH, lineCounter } from '../src/rulekit/rulekit.js';
import { ALNUM, fake } from '../src/rulekit/fakes.js';
import { allMatches } from '../src/rulekit/matches.js';

const remediation = {
  rotate:
    'Modal dashboard → workspace settings → API tokens (https://modal.com/settings/<workspace>/tokens): delete the token (`modal token new` makes a new one but does not revoke the old)',
  store:
    'CI secrets MODAL_TOKEN_ID / MODAL_TOKEN_SECRET (`gh secret set MODAL_TOKEN_SECRET`), preferably for a service user; credentials your Modal functions use go in Modal Secrets (`modal secret create NAME KEY=VALUE`)',
  read: 'the Modal client reads MODAL_TOKEN_ID and MODAL_TOKEN_SECRET from the environment; in functions, `modal.Secret.from_name("name")`',
};
const helpUri = 'https://modal.com/docs/reference/modal.config';

const TOKEN = new RegExp(`${LEFT}(a[ks])-([A-Za-z0-9]{22})${RIGHT_WITH_DASH}`, 'g');
const PLACEHOLDER_WORDS = /fake|notareal|notreal|example|sample|dummy|placeholder|token|secret|string/i;

/**
 * Modal's own docs use upper-case English words run together as a placeholder
 * pair; entropy does not reject those, but single-case letters with no digit
 * (vanishingly rare in a random 22-character token) and dictionary words do.
 */
export function isModalPlaceholder(body: string): boolean {
  if (PLACEHOLDER_WORDS.test(body)) return true;
  return !/[0-9]/.test(body) && (body === body.toUpperCase() || body === body.toLowerCase());
}

const isAlnum = (b: number) => (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57);

/** Whether TOKEN matches at `start` in UTF-8 bytes: `ak-`/`as-` in lower case, 22 letters or digits, its left and right edges. */
function tokenAt(bytes: Uint8Array, start: number): boolean {
  if (bytes[start] !== 97 || (bytes[start + 1] !== 107 && bytes[start + 1] !== 115) || bytes[start + 2] !== 45)
    return false;
  for (let i = start + 3; i < start + 25; i++) if (i >= bytes.length || !isAlnum(bytes[i]!)) return false;
  const after = bytes[start + 25];
  if (after !== undefined && (isAlnum(after) || after === 95 || after === 45)) return false;
  const before = bytes[start - 1];
  if (before === undefined || !(isAlnum(before) || before === 95)) return true;
  // Right after a `\n`-style escape (LEFT's second branch).
  return (before === 110 || before === 114 || before === 116) && bytes[start - 2] === 92;
}

interface Half {
  kind: 'ak' | 'as';
  start: number;
  end: number;
  line: number;
  value: string;
}

/** How many lines apart an id and a secret may sit and still be one credential. */
const PAIR_DISTANCE = 3;

const token: ContentRule = {
  kind: 'content',
  id: 'modal-token',
  provider: 'modal',
  title: 'Modal API token',
  why: 'A Modal token pair deploys and runs code in the workspace, billed to its owner, and reads the workspace’s Modal Secrets.',
  severity: 'error',
  remediation,
  helpUri,
  keywords: ['ak-', 'as-'],
  contextLines: PAIR_DISTANCE,
  hitCanMatch: tokenAt,
  get examples() {
    return {
      match: [
        `MODAL_TOKEN_ID=ak-${fake(22, ALNUM, 'modal-id')}\nMODAL_TOKEN_SECRET=as-${fake(22, ALNUM, 'modal-secret')}`,
        `token_id = "ak-${fake(22, ALNUM, 'modal-id-2')}"`,
      ],
      // Modal's documentation placeholders, and a half one character short.
      noMatch: ['MODAL_TOKEN_ID=ak-EXAMPLETOKENIDEXAMPLE12', `MODAL_TOKEN_SECRET=as-${fake(21, ALNUM, 'modal-short')}`],
    };
  },
  match(text) {
    const halves: Half[] = [];
    const lineOf = lineCounter(text);
    for (const m of allMatches(TOKEN, text)) {
      if (isModalPlaceholder(m[2]!)) continue;
      const start = m.index!;
      halves.push({ kind: m[1] as 'ak' | 'as', start, end: start + m[0].length, line: lineOf(start), value: m[0] });
    }
    // Ids by line, in text order; `paired` counts how many of a line's first ids are taken. The nearest line wins,
    // the line above before the one below, the earliest id on a line first: only ever the first unpaired one.
    const idsOnLine = new Map<number, { ids: Half[]; paired: number }>();
    for (const h of halves) {
      if (h.kind !== 'ak') continue;
      let group = idsOnLine.get(h.line);
      if (!group) idsOnLine.set(h.line, (group = { ids: [], paired: 0 }));
      group.ids.push(h);
    }
    const takeId = (line: number): Half | undefined => {
      const group = idsOnLine.get(line);
      return group && group.paired < group.ids.length ? group.ids[group.paired++] : undefined;
    };
    const out: RuleMatch[] = [];
    const pairedIds = new Set<Half>();
    for (const secret of halves) {
      if (secret.kind !== 'as') continue;
      let id: Half | undefined;
      for (let d = 0; d <= PAIR_DISTANCE && !id; d++)
        id = takeId(secret.line - d) ?? (d > 0 ? takeId(secret.line + d) : undefined);
      if (id) {
        pairedIds.add(id);
        out.push({
          start: secret.start,
          end: secret.end,
          secret: secret.value,
          pairId: id.value,
          visiblePrefix: 3,
          message: `Modal token pair (id ${id.value} with its secret)`,
        });
      } else {
        out.push({
          start: secret.start,
          end: secret.end,
          secret: secret.value,
          visiblePrefix: 3,
          message: 'Modal token secret (as-…)',
        });
      }
    }
    for (const id of halves) {
      if (id.kind !== 'ak' || pairedIds.has(id)) continue;
      out.push({
        start: id.start,
        end: id.end,
        secret: id.value,
        visiblePrefix: 3,
        severity: 'warning',
        message: 'Modal token id (ak-…) without its secret nearby: half a credential',
      });
    }
    return out;
  },
};

const config: PathRule = {
  kind: 'path',
  id: 'modal-config-file',
  provider: 'modal',
  title: 'Modal .modal.toml credentials file',
  why: '`modal setup` and `modal token new` write the token pair into .modal.toml in plain text.',
  severity: 'error',
  remediation: { ...remediation, note: 'Keep .modal.toml in your home directory, where `modal token set` writes it.' },
  ignorePattern: '.modal.toml',
  get examples() {
    return {
      match: ['.modal.toml', 'deploy/.modal.toml'],
      noMatch: ['modal.toml', 'docs/.modal.toml.md'],
    };
  },
  test: (path) => /(^|\/)\.modal\.toml$/.test(path),
};

export const rules: Rule[] = [token, config];
