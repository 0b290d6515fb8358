import type { ContentRule, Rule, RuleMatch } from '../src/types.js';
import { LEFT, RIGHT, isHexByte, regexRule } from '../src/rulekit/rulekit.js';
import { ALNUM, HEX, fake } from '../src/rulekit/fakes.js';
import { allMatches } from '../src/rulekit/matches.js';

const remediation = {
  rotate:
    'Weights & Biases → User settings → API keys (https://wandb.ai/authorize): create a new key, delete the leaked one',
  store:
    'a CI secret WANDB_API_KEY (`gh secret set WANDB_API_KEY`), a Modal Secret (W&B template), an HF Space secret or a Colab secret',
  read: 'wandb reads WANDB_API_KEY from the environment by itself; call `wandb.login()` without a key',
};
const helpUri = 'https://docs.wandb.ai/guides/track/environment-variables/';

const apiKey = regexRule({
  id: 'wandb-api-key',
  provider: 'wandb',
  title: 'Weights & Biases API key',
  why: 'A W&B key reads and writes every project, run, artifact and model its owner can reach.',
  severity: 'error',
  remediation,
  helpUri,
  keywords: ['wandb_v1_'],
  pattern: new RegExp(`${LEFT}(?<secret>wandb_v1_[A-Za-z0-9_]{77})${RIGHT}`),
  visiblePrefix: 9,
  get examples() {
    return {
      match: [`WANDB_API_KEY=wandb_v1_${fake(77, ALNUM, 'wandb')}`],
      noMatch: [`wandb_v1_${fake(70, ALNUM, 'wandb-short')}`, 'WANDB_API_KEY=wandb_v1_<your key>'],
    };
  },
});

// A 40-hex value is a git SHA unless W&B context names it as a key.
const LEGACY =
  /(?<name>WANDB_API_KEY|wandb\.login\s{0,16}\([^)\n]{0,200}?key|api_key|apikey)["']?\s{0,16}[=:]\s{0,16}(?:[rbu]?["'])?(?<secret>[a-f0-9]{40})(?![A-Za-z0-9])/gi;

/** How far either side of a hit `hexRunNear` reads at most: past it, it cannot tell. */
const NEAR = 512;

/**
 * How far a LEGACY match runs at most (name with `wandb.login(…key`,
 * blanks, operator, quote, 40 digits): one that starts in a hit's window
 * may end this far past it, in a window merged with it.
 */
const LEGACY_REACH = 320;

/**
 * Whether 40 hex digits in a row (the only value LEGACY takes) stand on the
 * hit's line or the two either side (the rule's window), or close enough
 * after it for a match starting there to reach. `wandb` is written all
 * over code that uses it (`import wandb`, `wandb.log(…)`), and only a key
 * makes a window worth searching.
 */
function hexRunNear(bytes: Uint8Array, start: number, end: number): boolean {
  let from = start;
  for (let breaks = 0; from > 0; from--) {
    if (start - from > NEAR) return true;
    if (bytes[from - 1] === 10 && ++breaks > 2) break;
  }
  let to = end;
  for (let breaks = 0; to < bytes.length; to++) {
    if (to - end > NEAR) return true;
    if (bytes[to] === 10 && ++breaks > 2) break;
  }
  return hasHexRun(bytes, from, Math.min(bytes.length, to + LEGACY_REACH));
}

/**
 * Whether 40 hex digits in a row stand in bytes [from, to). Such a run
 * covers one of every 40 positions, so only those are read, and only
 * around a hex digit among them is the run measured.
 */
function hasHexRun(bytes: Uint8Array, from: number, to: number): boolean {
  for (let p = from + 39; p < to; p += 40) {
    if (!isHexByte(bytes[p]!)) continue;
    let left = p;
    while (left > from && isHexByte(bytes[left - 1]!)) left--;
    let right = p + 1;
    while (right < to && right - left < 40 && isHexByte(bytes[right]!)) right++;
    if (right - left >= 40) return true;
  }
  return false;
}

const legacyKey: ContentRule = {
  kind: 'content',
  id: 'wandb-legacy-api-key',
  provider: 'wandb',
  title: 'Weights & Biases API key (40-hex, legacy format)',
  why: 'Legacy W&B keys stay valid until deleted and give full access to their owner’s projects.',
  severity: 'error',
  remediation,
  helpUri,
  keywords: ['wandb'],
  contextLines: 2,
  hitCanMatch: hexRunNear,
  get examples() {
    return {
      match: [
        `WANDB_API_KEY=${fake(40, HEX, 'wandb-legacy')}`,
        `import wandb\nwandb.login(key="${fake(40, HEX, 'wandb-legacy-2')}")`,
      ],
      // A 40-hex value is a git SHA unless W&B names it as a key.
      noMatch: [`wandb.init(project="demo")\ncommit_sha = "${fake(40, HEX, 'wandb-legacy-3')}"`],
    };
  },
  match(text) {
    const out: RuleMatch[] = [];
    for (const m of allMatches(LEGACY, text)) {
      const name = m.groups!.name!.toLowerCase();
      // A bare api_key counts only with W&B nearby, which the keyword window guarantees; WANDB_API_KEY and wandb.login say so themselves.
      if (!name.includes('wandb') && !/wandb/i.test(text)) continue;
      const secret = m.groups!.secret!;
      const start = m.index! + m[0].length - secret.length;
      out.push({ start, end: start + secret.length, secret });
    }
    return out;
  },
};

const netrc = regexRule({
  id: 'wandb-netrc-entry',
  provider: 'wandb',
  title: 'Weights & Biases key in a netrc entry',
  why: '`wandb login` stores the key as the password of `machine api.wandb.ai` in .netrc.',
  severity: 'error',
  remediation: {
    ...remediation,
    note: 'netrc files belong in the home directory only: remove this one from the repository.',
  },
  helpUri,
  keywords: ['api.wandb.ai'],
  contextLines: 3,
  get examples() {
    return {
      match: [`machine api.wandb.ai\n  login user\n  password ${fake(40, HEX, 'wandb-netrc')}`],
      noMatch: [
        'machine api.wandb.ai\n  login user\n  password short',
        `machine github.com\n  login user\n  password ${fake(40, HEX, 'wandb-netrc-2')}`,
      ],
    };
  },
  pattern: /machine\s+api\.wandb\.ai\s+(?:login\s+\S+\s+)?password\s+(?!wandb_v1_)(?<secret>[A-Za-z0-9_-]{32,})/,
});

export const rules: Rule[] = [apiKey, legacyKey, netrc];
