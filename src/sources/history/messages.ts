// Commit and annotated tag messages: people paste tokens into them too, and
// they travel with every clone like the files do. History and range scans
// hand them to the engine as chunks under a pseudo-path, so findings say
// where they are without naming a file that does not exist.
import type { Chunk, CommitInfo, Origin } from '../../types.js';
import { gitSync } from '../../git/git.js';
import { normaliseEol } from '../../scan/text.js';

/** The pseudo-path of a commit message's findings (parentheses: no tracked file is written so by accident). */
export const COMMIT_MESSAGE = '(commit message)';

/** The pseudo-path of an annotated tag message's findings. */
export function tagMessagePath(tag: string): string {
  return `(tag message ${tag})`;
}

export function messageChunk(path: string, message: string, origin: Origin): Chunk {
  return { path, text: normaliseEol(message), startLine: 1, origin };
}

export interface TagMessage {
  /** The tag's short name (refs/tags/ removed). */
  name: string;
  /** The commit the tag points at, peeled. */
  commit: string;
  tagger: CommitInfo;
  message: string;
}

/**
 * Every annotated tag's message, from one `git for-each-ref`. Lightweight
 * tags have no message of their own and are left out, as are tags of
 * something other than a commit. Fields are NUL-separated and records end in
 * \x01 NUL, which no tag name or message holds.
 */
/** What `annotatedTags` reads: every tag with its target and message (a caller may start it early). */
export const TAG_LIST = [
  'for-each-ref',
  '--format=%(objecttype)%00%(refname:lstrip=2)%00%(*objecttype)%00%(*objectname)%00%(objectname)%00%(taggername) %(taggeremail)%00%(taggerdate:iso-strict)%00%(contents)%01%00',
  'refs/tags/',
];

/** `listed`: the output of `git TAG_LIST` when the caller started it early. */
export function annotatedTags(root: string, listed?: { stdout: Buffer; status: number }): TagMessage[] {
  const r = listed ?? gitSync(root, TAG_LIST);
  if (r.status !== 0) return [];
  const out: TagMessage[] = [];
  for (const record of r.stdout.toString('utf8').split('\x01\0')) {
    const [type, name, targetType, target, sha, tagger, date, ...rest] = record.replace(/^\n/, '').split('\0');
    if (type !== 'tag' || targetType !== 'commit' || !name || !target || !sha) continue;
    out.push({
      name,
      commit: target,
      tagger: { sha, author: tagger ?? '', date: date ?? '' },
      message: rest.join('\0'),
    });
  }
  return out;
}
