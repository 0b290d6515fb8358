// Precision from understanding values: key names are judged by their words,
// values by their shape. Each class of look-alike seen on real ML code stays
// quiet; real-shaped secrets right next to them are still errors; made-up
// test values are warnings.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Engine } from '../../src/scan/engine.js';
import { allRules } from '../../rules/index.js';
import { namesASecret } from '../../src/rulekit/secret-names.js';
import { isStandInPassword, isSyntheticSecret, nonSecretShape } from '../../src/rulekit/value-shapes.js';
import { runs } from '../helpers.js';

const engine = new Engine(allRules);
const scan = (text: string, path = 'config.yml') =>
  engine.scan({ path, text, startLine: 1, origin: { kind: 'worktree' } });
const found = (text: string, path?: string) => scan(text, path).map((f) => `${f.ruleId}:${f.severity}:${f.secret}`);

describe('key names', () => {
  it.each([
    'apiToken',
    'HF_TOKEN',
    'hftoken',
    'db_password',
    'client_secret',
    'x-api-key',
    'AWS_SECRET',
    'auth',
    'tokenValue',
    'GITHUB_TOKEN_RW',
    'secretKey',
    'auth_key',
    'token.txt',
    'credentials.json',
    'api-token.key',
  ])('%s names a secret', (name) => {
    expect(namesASecret(name)).toBe(true);
  });
  it.each([
    'openai_notiktoken-v1.0.1',
    'tiktoken',
    'tokenizer',
    'tokenizers',
    'csrf-token',
    'csrftoken',
    'DefaultServiceGetCsrfToken',
    'publicToken',
    'credentialsId',
    'credentialId',
    'token-classification',
    'authSource',
    'authMechanism',
    'auth_mode',
    'max_tokens',
    'eos_token',
    'nextPageToken',
    'TOKEN_URL',
    'secretName',
    'password_file',
    'secretary',
    'secret_arn',
    'to_tokens.rs',
    'libwinapi_api-ms-win-security-credentials-l1-1-0.a',
  ])('%s does not', (name) => {
    expect(namesASecret(name)).toBe(false);
  });
});

// Fresh fakes: a JWT signing only a hash and a version (a model card's verifyToken), and session JWTs naming a subject.
const DIGEST_JWT =
  'eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJoYXNoIjoiYTA5YjI4ZWY4ZGZjNjI0MGUzOTEyMWM3NDA1NDgzY2NiMDMxYjdkMGJkNTc4Zjc1M2VlYjczNzdiOWI4MjM3ZCIsInZlcnNpb24iOjF9.5NeU1pLl42m6zuoBNynli3Jv3ZXuXt170P5WAIMYcupidP51iWKVRDTcF1UswtXZuaJUyOnf7xAcf-ygysXv1Q';
const SESSION_JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQ4MjEiLCJleHAiOjE4OTM0NTYwMDAsInNjb3BlIjoid3JpdGUifQ.X06Lr-B5S6R2D8XIrAbqxJvtA5umNkGA-_DPvDrF4Zs';
// {"hash": …, "sub": …}: a digest beside a subject is a credential.
const DIGEST_AND_SUBJECT_JWT = `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify({ hash: 'a09b28ef8dfc6240e39121c7405483cc', version: 1, sub: 'svc-7' })).toString('base64url')}.Qm-2vX8kLp4Tz8Wb3Nc6Hy1Rt5Zq`;

describe('value shapes', () => {
  const classes: Record<string, string[]> = {
    number: ['1086.3478901207168', '0.004187250000000046', '-12.5e-3', '250ms'],
    date: ['2024-05-01T12:30:00Z'],
    version: [
      'openai==1.0.1',
      'pkg>=1.2',
      'tokenizers~=0.19.1.post2',
      '=4.44.2.post1',
      '>=0.5.2,<0.8',
      'v1.0.1',
      '2.1.0rc1',
    ],
    'lock-hash': [
      'sha256:4be1c0f7d92e3a86b5f0c4d9e8a7b6c5',
      'sha512-Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg==',
      'h1:Zm9vYmFyYmF6cXV4MTIzNDU2=',
    ],
    urn: ['urn:ietf:params:oauth:token-type:jwt'],
    arn: [
      'arn:aws:iam::720495813362:role/GitHubActionsDeployRole',
      'arn:aws:secretsmanager:us-east-1:418295730164:secret:prod-db-AbCdEf',
    ],
    'cli-flag': ['--notebook-dir', '--notebook-dir=/srv/notebooks'],
    'model-id': [
      'dbmdz/bert-large-cased',
      'stanfordnlp/stanza-en',
      'meta-llama/Llama-2-7b-hf',
      'mistralai/Mistral-7B-Instruct-v0.2',
    ],
    identifier: [
      'DefaultServiceGetCsrfToken',
      'X-aws-ec2-metadata-token',
      'wandb-track:',
      'wandb-track:latest',
      'jenkins-deploy-creds-42',
      'self._api.access_token:',
    ],
    'signed-digest': [DIGEST_JWT],
  };
  for (const [shape, values] of Object.entries(classes)) {
    it.each(values)(`%s is a ${shape}`, (value) => {
      expect(nonSecretShape(value)).toBe(shape);
    });
  }

  it.each([
    'Xq7vB2mKp9LzR4tWn8Yc3Hd6',
    'Kq7Vx2/Lm9PzR4tWn8Yc3Hd6Bf1Js5Ga0Ue',
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8W2mN4pL',
    'ta5g^qr0@j!pw5^q83ebm^_s+nf3',
    '4f1e2d3c-9b8a-7f6e-5d4c-3b2a1f0e9d8c',
    SESSION_JWT,
    DIGEST_AND_SUBJECT_JWT,
    'Vb7Lq__Zx9Kp4.Rt8Wm3Nc6',
  ])('%s has no non-secret shape', (value) => {
    expect(nonSecretShape(value)).toBeUndefined();
  });

  it('random tokens of every common alphabet are never given a non-secret shape or called made-up', () => {
    const alphabets = [
      'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
      'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/',
      'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_',
    ];
    const token = fc
      .tuple(fc.constantFrom(...alphabets), fc.integer({ min: 20, max: 64 }), fc.infiniteStream(fc.nat()))
      .map(([alphabet, n, s]) => [...s.take(n)].map((x) => alphabet[x % alphabet.length]).join(''));
    fc.assert(
      fc.property(token, (value) => {
        // Letters only in one case, or digits only, are not what these alphabets produce at this length.
        fc.pre(/[a-z]/.test(value) && /[A-Z]/.test(value) && /[0-9]/.test(value));
        expect(nonSecretShape(value)).toBeUndefined();
        expect(isSyntheticSecret(value)).toBe(false);
      }),
      { numRuns: runs(2000) },
    );
  });

  it('a random token that starts like a digest name is not a lock hash (a generated case: `h1-` is not go.sum)', () => {
    expect(nonSecretShape('h1-BsuDybV73AhHYciTq')).toBeUndefined();
    expect(nonSecretShape('md5-BsuDybV73AhHYciTq')).toBeUndefined();
    expect(nonSecretShape('h1:BsuDybV73AhHYciTq4u7vKkLZ1RcH8wQ=')).toBe('lock-hash');
    expect(nonSecretShape('sha512-BsuDybV73AhHYciTq4u7vKkLZ1RcH8wQ==')).toBe('lock-hash');
  });

  it.each([
    'write_token_1',
    'xet_token123',
    'v2token-9000',
    'hf_oauth_123',
    'password123',
    's3cret',
    'P@ssw0rd!2024',
    's3cret-key-1',
  ])('%s is a made-up test value', (value) => {
    expect(isSyntheticSecret(value)).toBe(true);
  });
  it.each(['Tr0ub4dor&3xQ9!vLm', 'tokenZq9Lm2Vx8Kp', 'hV3$kQ9!zR2@mW7#', 'Maple7-Orbit3-Kettle9'])(
    '%s is not',
    (value) => {
      expect(isSyntheticSecret(value)).toBe(false);
    },
  );
  it.each(['REPLACE_WITH_PASSWORD', 'mypassword', 'your_password', 'db_password', 'supersecret'])(
    '%s stands in for a password',
    (value) => {
      expect(isStandInPassword(value)).toBe(true);
    },
  );
  it.each(['password123', 'hV3$kQ9!zR2@mW7#', 'Tr0ub4dor'])('%s does not', (value) => {
    expect(isStandInPassword(value)).toBe(false);
  });
});

describe('generic rule on look-alikes and real secrets side by side', () => {
  it('real-shaped values under keys containing a secret word are errors', () => {
    // Values are joined at run time so leaklint's scan of its own repository finds none here.
    const v = (...parts: string[]) => parts.join('');
    const cases: Array<[string, string]> = [
      ["apiToken: 'VALUE'", v('Xq7vB2mKp9Lz', 'R4tWn8Yc3Hd6')],
      ['export HFTOKEN=VALUE', v('Vb7Lq2Zx9Kp4R', 't8Wm3Nc6Hy1Dj5')],
      ['curl "https://api.acme.io/v1/export?format=csv&auth_token=VALUE"', v('V9mQ2xR7kLp4', 'Tz8Wb3Nc6Hy1')],
      ['secret: "VALUE"', v('Kq7Vx2/Lm9PzR4tWn8', 'Yc3Hd6Bf1Js5Ga0Ue')],
      ['tokenValue: "VALUE"', v('9fK2mXq7Lz4v', 'Rt8WnB3yHc6D')],
      ['openai_tiktoken_api_token: "VALUE"', v('Zr4Wq8Lm2Xv7', 'Kp9Tn3Bc6Hy1')],
      ['password: "VALUE"', v('Tr0ub4dor', '&3xQ9!vLm')],
      ['db_password: "VALUE"', v('Maple7-Orbit3', '-Kettle9')],
    ].map(([template, secret]) => [template!.replace('VALUE', secret!), secret!]);
    for (const [text, secret] of cases)
      expect(found(text), text).toEqual([`generic-secret-assignment:error:${secret}`]);
  });

  it('a signed digest, a checksum under a code file name and an attribute reference are quiet; a session JWT and a secret under a data file name are not', () => {
    const sums = '{"files":{"src/to_tokens.rs":"42498ba08a4cf186726fa4d8966725a756afeda19c1e6918b121eb76d4cd9790"}}';
    // The JWT rule judges JWTs by their claims (the generic rule leaves them to it).
    expect(found(`verifyToken: "${SESSION_JWT}"`)).toEqual([`jwt:error:${SESSION_JWT}`]);
    expect(found(`stringData:\n  token.txt: Leo4YCfDI0isAOrUUUPPU4F1G20bEslfUk7NSCEG`)).toEqual([
      'generic-secret-assignment:error:Leo4YCfDI0isAOrUUUPPU4F1G20bEslfUk7NSCEG',
    ]);
    expect(found('access_token: bK4yedeNuoWpqklPSedQEN7iodR6EI11', 'notes.md')).toEqual([
      'generic-secret-assignment:error:bK4yedeNuoWpqklPSedQEN7iodR6EI11',
    ]);
    expect(found(`verifyToken: "${DIGEST_JWT}"`)).toEqual([]);
    expect(found(sums, '.cargo-checksum.json')).toEqual([]);
    expect(found('    if token := self._api.access_token:', 'notes.md')).toEqual([]);
  });

  it('made-up test values are warnings, not errors', () => {
    for (const value of [
      'write_token_1',
      'xet_token123',
      'v2token-9000',
      'hf_oauth_123',
      'password123',
      's3cret-key-1',
    ]) {
      expect(found(`HF_TOKEN: ${value}`), value).toEqual([`generic-secret-assignment:warning:${value}`]);
    }
  });

  it('a query parameter ends at the next `&`', () => {
    expect(found('MONGO: "mongodb://db.acme.io/app?authSource=admin&authMechanism=PLAIN"')).toEqual([]);
    expect(found('URL: "https://api.acme.io/x?session_token=Vb7Lq2Zx9Kp4Rt8Wm3Nc6&format=csv"')).toEqual([
      'generic-secret-assignment:error:Vb7Lq2Zx9Kp4Rt8Wm3Nc6',
    ]);
  });

  it('keys are found at the start of a line, after `- `, `{`, `,` or `export`, not in prose', () => {
    expect(found('  - secret: Vb7Lq2Zx9Kp4Rt8Wm3Nc6')).toHaveLength(1);
    expect(found('x = {a: 1, secret: Vb7Lq2Zx9Kp4Rt8Wm3Nc6 }')).toHaveLength(1);
    expect(found('x = f(secret: Vb7Lq2Zx9Kp4Rt8Wm3Nc6 )')).toHaveLength(1);
    expect(found('set secret: Vb7Lq2Zx9Kp4Rt8Wm3Nc6')).toHaveLength(1);
    expect(found('  export   secret: Vb7Lq2Zx9Kp4Rt8Wm3Nc6')).toHaveLength(1);
    expect(found('unset secret: Vb7Lq2Zx9Kp4Rt8Wm3Nc6')).toEqual([]);
    expect(found('a - secret: Vb7Lq2Zx9Kp4Rt8Wm3Nc6')).toEqual([]);
    expect(found('there is no secret: Vb7Lq2Zx9Kp4Rt8Wm3Nc6')).toEqual([]);
  });
});

describe('URL credentials', () => {
  it('stand-in passwords are not reported, made-up ones are warnings, real ones errors', () => {
    expect(found('DATABASE_URL=postgresql://app:REPLACE_WITH_PASSWORD@db.acme-data.io:5432/app')).toEqual([]);
    expect(found('DATABASE_URL=mysql://root:mypassword@prod-db.acme-data.io/app')).toEqual([]);
    expect(found('DATABASE_URL=mysql://root:password123@prod-db.acme-data.io/app')).toEqual([
      'url-credentials:warning:password123',
    ]);
    const password = ['hV3kQ9zR', '2mW7xT4'].join('');
    expect(found(`DATABASE_URL=mysql://root:${password}@prod-db.acme-data.io/app`)).toEqual([
      `url-credentials:error:${password}`,
    ]);
  });
});

describe('Google API keys in Android SDK configs', () => {
  const key = ['AIzaSyD4kR7mQ2xZ9vL3', 'pT8wN6bY1cH5jF0gE2s'].join('');
  it('google-services.json `current_key` and a strings.xml `google_api_key` are warnings', () => {
    const services = `{"client": [{"api_key": [{"current_key": "${key}"}]}]}`;
    expect(found(services, 'app/google-services.json')).toEqual([`google-api-key:warning:${key}`]);
    const strings = `<resources>\n  <string name="google_api_key" translatable="false">${key}</string>\n</resources>`;
    expect(found(strings, 'app/src/main/res/values/strings.xml')).toEqual([`google-api-key:warning:${key}`]);
  });
  it('the same key anywhere else is an error, whatever the file is called', () => {
    expect(found(`GEMINI_API_KEY = "${key}"`, 'app/google-services.json')).toEqual([`google-api-key:error:${key}`]);
    expect(found(`<string name="maps_key">${key}</string>`, 'strings.xml')).toEqual([`google-api-key:error:${key}`]);
  });
});
