import type { ContentRule, PathRule, Rule, RuleMatch } from '../src/types.js';
import { lineCounter, regexRule } from '../src/rulekit/rulekit.js';
import { ALNUM, BASE64, UPPER_ALNUM, fake } from '../src/rulekit/fakes.js';
import { allMatches } from '../src/rulekit/matches.js';

const fakeKeyId = (label: string) => `AKIA${fake(16, UPPER_ALNUM, label)}`;
const fakeSecret = (label: string) => fake(40, BASE64, label);

const remediation = {
  rotate:
    '`aws iam create-access-key` (new key first), then `aws iam update-access-key --access-key-id <id> --status Inactive` and `aws iam delete-access-key`; temporary keys: the role’s "Revoke active sessions"',
  store:
    'AWS Secrets Manager or SSM Parameter Store for applications; in CI no key at all: GitHub OIDC with aws-actions/configure-aws-credentials and a role',
  read: 'the AWS SDKs read AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or a profile, or the role) by themselves',
};
const helpUri = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html';

const KEY_ID = /(?<![A-Za-z0-9])((?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})(?![A-Za-z0-9])/g;
// A 40-character base64 value held by a name that says it is the secret key.
const NAMED_SECRET =
  /(?:aws_?secret_?access_?key|secret_?access_?key|SecretAccessKey|aws_?secret(?:_?key)?)["']?\s*(?:=|:|=>|,)\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi;

/** How far (in lines) a secret may sit from its key id and still be its pair. */
const PAIR_DISTANCE = 5;

const accessKey: ContentRule = {
  kind: 'content',
  id: 'aws-access-key',
  provider: 'aws',
  title: 'AWS access key',
  why: 'An AWS key pair acts as its IAM user: whatever that user may do — read buckets, start instances, run up the bill — anyone holding the pair may too.',
  severity: 'error',
  remediation,
  helpUri,
  keywords: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
  contextLines: PAIR_DISTANCE,
  get examples() {
    return {
      match: [
        `AWS_ACCESS_KEY_ID=${fakeKeyId('aws-id')}\nAWS_SECRET_ACCESS_KEY=${fakeSecret('aws-secret')}`,
        // A key id alone is half a credential: a warning.
        `aws_access_key_id = ${fakeKeyId('aws-id-2')}`,
      ],
      noMatch: [`AKIA${fake(16, ALNUM.slice(26), 'aws-lower')}`, 'AWS_ACCESS_KEY_ID=AKIA<your key id>'],
    };
  },
  match(text) {
    const secretLine = lineCounter(text);
    const secrets = allMatches(NAMED_SECRET, text).map((m) => ({
      value: m.groups!.secret!,
      start: m.index! + m[0].length - 40,
      line: secretLine(m.index!),
    }));
    const out: RuleMatch[] = [];
    const idLine = lineCounter(text);
    // Each key id takes the first unpaired secret within reach. Ids come in text order, so the reach only moves
    // forward and the paired secrets in it are always its first ones: two pointers pair them in one pass.
    let reach = 0; // the first secret not too far above the current id
    let next = 0; // the first unpaired secret from `reach` on
    for (const m of allMatches(KEY_ID, text)) {
      const id = m[1]!;
      const line = idLine(m.index!);
      while (reach < secrets.length && secrets[reach]!.line < line - PAIR_DISTANCE) reach++;
      if (next < reach) next = reach;
      const s = secrets[next];
      if (s !== undefined && s.line <= line + PAIR_DISTANCE) {
        next++;
        out.push({
          start: s.start,
          end: s.start + 40,
          secret: s.value,
          message: `AWS access key pair (key id ${id} with its secret access key)`,
          pairId: id,
        });
      } else {
        out.push({
          start: m.index!,
          end: m.index! + 20,
          secret: id,
          visiblePrefix: 4,
          severity: 'warning',
          message: 'AWS access key id without its secret nearby (not usable alone, but its secret is probably close)',
        });
      }
    }
    return out;
  },
};

// Yields to the pair finding above when both see the same secret.
const secretKey = regexRule({
  id: 'aws-secret-access-key',
  provider: 'aws',
  title: 'AWS secret access key',
  why: 'The secret access key is the private half of an AWS key pair.',
  severity: 'error',
  remediation,
  helpUri,
  keywords: ['secret_access_key', 'secretaccesskey', 'aws_secret'],
  fallback: true,
  pattern: NAMED_SECRET,
  validate: (s) => /[0-9]/.test(s) && /[A-Z]/.test(s) && /[a-z]/.test(s),
  get examples() {
    return {
      match: [
        `aws_secret_access_key = ${fakeSecret('aws-secret-2')}`,
        `"SecretAccessKey": "${fakeSecret('aws-secret-3')}"`,
      ],
      // Forty letters of one case are not a generated key.
      noMatch: [
        `aws_secret_access_key = ${fake(40, ALNUM.slice(26, 52), 'aws-secret-lower')}`,
        'aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}',
      ],
    };
  },
});

const credentialsFile: PathRule = {
  kind: 'path',
  id: 'aws-credentials-file',
  provider: 'aws',
  title: 'AWS shared credentials file',
  why: '`aws configure` writes access keys into this file in plain text; committed, every profile in it is exposed.',
  severity: 'error',
  remediation: { ...remediation, note: 'The credentials file belongs in ~/.aws only, never in a repository.' },
  ignorePattern: '.aws/',
  get examples() {
    return {
      match: [
        `.aws/credentials\n[default]\naws_access_key_id = ${fakeKeyId('aws-file-id')}\naws_secret_access_key = ${fakeSecret('aws-file-secret')}\n`,
      ],
      noMatch: [
        '.aws/config\n[default]\nregion = eu-west-1\n',
        'docs/credentials\nSee the wiki for how to get credentials.\n',
      ],
    };
  },
  test(path, content) {
    if (!/(^|\/)(credentials|\.aws\/config)$/.test(path)) return false;
    const text = content();
    return text !== undefined && /^[ \t]*aws_(?:secret_access_key|access_key_id)[ \t]*=[ \t]*\S/m.test(text);
  },
};

export const rules: Rule[] = [accessKey, secretKey, credentialsFile];
