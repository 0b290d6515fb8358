// Recall on the common spellings of a credential: environment assignments in
// notebooks and code, CLI logins, headers, escaped JSON, registry configs,
// name and syntax variants, and provider formats the rules used to miss.
// Every value is built at run time from a fixed seed, so leaklint's scan of
// its own repository finds nothing in this file.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/scan/engine.js';
import { allRules } from '../../rules/index.js';
import { generator } from '../../bench/secrets.mjs';

const engine = new Engine(allRules);
const scan = (text: string, path = 'config.yml') =>
  engine.scan({ path, text, startLine: 1, origin: { kind: 'worktree' } });
const found = (text: string, path?: string) => scan(text, path).map((f) => `${f.ruleId}:${f.severity}:${f.secret}`);

const next = generator(1313);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const B64U = `${ALNUM}-_`;
/** A random body: mixed case and digits, as generated credentials are. */
function rand(n: number, alphabet = ALNUM): string {
  for (;;) {
    const s = Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    if (alphabet !== ALNUM || (/[a-z]/.test(s) && /[A-Z]/.test(s) && /\d/.test(s))) return s;
  }
}
const b64u = (s: string) => Buffer.from(s).toString('base64url');
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('generic: environment and assignment spellings', () => {
  const v = rand(32);
  it.each([
    ['os.environ["OPENAI_API_KEY"] = "VALUE"', 'train.py'],
    ["os.environ['HF_TOKEN']='VALUE'", 'train.py'],
    ['os.environ.setdefault("WANDB_API_KEY", "VALUE")', 'train.py'],
    ["os.environ.setdefault('MY_SECRET', 'VALUE')", 'notebook.ipynb'],
    ['System.setProperty("db.password", "VALUE");', 'App.java'],
    ['os.Setenv("API_TOKEN", "VALUE")', 'main.go'],
    ['%env COHERE_API_KEY=VALUE', 'explore.ipynb'],
    ['!export HF_TOKEN=VALUE', 'explore.ipynb'],
    ['{"cell": "\\"secretKey\\":\\"VALUE\\",\\"region\\":\\"eu\\""}', 'log.json'],
    ['var apiToken string = "VALUE"', 'main.go'],
    ['const API_KEY: &str = "VALUE";', 'main.rs'],
    ['let apiKey: string = "VALUE";', 'client.ts'],
    ['$password .= "VALUE";', 'config.php'],
    ['API_TOKEN ?= VALUE', 'Makefile'],
    ['API_TOKEN ::= VALUE', 'Makefile'],
    ['<password>VALUE</password>', 'settings.xml'],
    ['<add key="ApiToken" value="VALUE" />', 'Web.config'],
    ['<string name="openai_api_key">VALUE</string>', 'res/values/strings.xml'],
    ['AZURE_OPENAI_KEY=VALUE', '.env'],
    ['COHERE_KEY: "VALUE"', 'config.yml'],
    ['SMTP_PASS=VALUE', '.env'],
    ['DOCKER_CREDS="VALUE"', 'ci.sh'],
    ['creds = "VALUE"', 'upload.py'],
  ])('%s (%s)', (template, path) => {
    expect(found(template.replace('VALUE', v), path)).toEqual([`generic-secret-assignment:error:${v}`]);
  });

  it('a `#` inside a quoted password belongs to the password', () => {
    const pw = `${rand(8)}#${rand(8)}`;
    expect(found(`DB_PASSWORD = "${pw}"`, 'settings.py')).toEqual([`generic-secret-assignment:error:${pw}`]);
    expect(found(`password: '${pw}'`)).toEqual([`generic-secret-assignment:error:${pw}`]);
    // Unquoted, `#` still starts a comment.
    expect(found(`DB_PASSWORD=${v} # rotated monthly`, '.env')).toEqual([`generic-secret-assignment:error:${v}`]);
  });

  it('AccountKey in a connection string, inside a string literal of program source', () => {
    const key = `${rand(86, `${ALNUM}+/`)}==`;
    const conn = `conn = "DefaultEndpointsProtocol=https;AccountName=acmedata;AccountKey=${key};EndpointSuffix=core.windows.net"`;
    expect(found(conn, 'storage.py')).toEqual([`generic-secret-assignment:error:${key}`]);
  });

  it('a Docker config auths block: `auth` holds base64 of user:password', () => {
    const auth = b64(`deploy:${rand(20)}`);
    const config = `{\n  "auths": {\n    "registry.acme.io": {\n      "auth": "${auth}"\n    }\n  }\n}`;
    expect(found(config, '.docker/config.json')).toEqual([`generic-secret-assignment:error:${auth}`]);
  });

  it('names that merely end in key or pass stay quiet', () => {
    for (const text of [
      `primary_key: "${v}"`,
      `sort_key = "${v}"`,
      `cache_key: "${v}"`,
      `PUBLIC_KEY="${v}"`,
      `idempotency_key: "${v}"`,
      `bypass: "${v}"`,
      `keyboard: "${v}"`,
      `pass_at_k: "${v}"`,
      `"key": "${v}"`,
    ]) {
      expect(found(text), text).toEqual([]);
    }
  });

  it('calls that are not environment setters, and typed declarations without a literal, stay quiet', () => {
    for (const [text, path] of [
      [`headers.get("token", "${v}")`, 'client.py'],
      ['val password: String = System.getenv("DB_PASSWORD")', 'App.kt'],
      ['var apiToken string = os.Getenv("API_TOKEN")', 'main.go'],
      ['<password>${env.DB_PASSWORD}</password>', 'settings.xml'],
    ]) {
      expect(found(text!, path), text).toEqual([]);
    }
  });
});

describe('look-alikes the new spellings must not turn into findings (seen in installed Python and npm packages)', () => {
  it.each([
    ["module_key = 'gi.repository.' + namespace", 'overrides.py'],
    ["self.key = '_threading_local._localimpl.' + str(id(self))", '_threading_local.py'],
    ['const ssrDynamicImportKey = `__vite_ssr_dynamic_import__`;', 'node.js'],
    ['oauth_consumer_key="0685bd9184jfhq22",', 'parameters.py'],
    ["body = 'oauth_token=lsdkfol23w54jlksdef&oauth_token_secret=qwe089234lkjsdf&realm=movies'", 'access_token.py'],
    ['    Authorization: Bearer h480djs93hd8', 'tokens.py'],
    ['    Authorization: Bearer mF_9.B5f-4.1JqM', 'base.py'],
    ['    Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW', 'base.py'],
    ['Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==', 'rfc7617.txt'],
    ['\tSchemeIDHTTPAPIKey = "smithy.api#httpApiKeyAuth"', 'scheme_id.go'],
    ['\tlegacyUsePathStyleParamKey = "s3ForcePathStyle" // for backwards compatibility', 's3blob.go'],
  ])('%s', (text, path) => {
    expect(found(text, path)).toEqual([]);
  });
});

describe('generic: command lines and headers', () => {
  const v = rand(32);
  it('wandb login and its notebook form', () => {
    const key = rand(40, HEX);
    expect(found(`wandb login ${key}`, 'setup.sh')).toEqual([`generic-cli-credential:error:${key}`]);
    expect(found(`!wandb login --relogin ${key}`, 'train.ipynb')).toEqual([`generic-cli-credential:error:${key}`]);
    expect(found('wandb login $WANDB_API_KEY', 'setup.sh')).toEqual([]);
  });
  it('huggingface-cli login --token and hf auth login --token', () => {
    expect(found(`huggingface-cli login --token ${v}`, 'setup.sh')).toEqual([`generic-cli-credential:error:${v}`]);
    expect(found(`hf auth login --token ${v} --add-to-git-credential`, 'setup.sh')).toEqual([
      `generic-cli-credential:error:${v}`,
    ]);
    // With `=` it is an assignment to a secret-named flag: one finding, the assignment rule's.
    expect(found(`hf auth login --token=${v}`, 'setup.sh')).toEqual([`generic-secret-assignment:error:${v}`]);
    expect(found('huggingface-cli login --token "$HF_TOKEN"', 'setup.sh')).toEqual([]);
  });
  it('curl -u user:password, on the line or a continuation line', () => {
    const pw = rand(16);
    expect(found(`curl -u deploy:${pw} https://nexus.acme.io/repository/`, 'publish.sh')).toEqual([
      `generic-cli-credential:error:${pw}`,
    ]);
    expect(found(`curl -sSf \\\n  --user 'deploy:${pw}' \\\n  https://nexus.acme.io/`, 'publish.sh')).toEqual([
      `generic-cli-credential:error:${pw}`,
    ]);
    expect(found('curl -u "$NEXUS_USER:$NEXUS_PASSWORD" https://nexus.acme.io/', 'publish.sh')).toEqual([]);
    expect(found('curl -u admin:password https://localhost:8080/', 'publish.sh')).toEqual([]);
    expect(found('git push -u origin main:release', 'publish.sh')).toEqual([]);
    expect(found('curl -sS --user deploy:|wandb login x', 'publish.sh')).toEqual([]);
  });
  it('Authorization: Bearer and Basic headers', () => {
    expect(found(`curl -H "Authorization: Bearer ${v}" https://api.acme.io/v1/models`, 'call.sh')).toEqual([
      `generic-authorization-header:error:${v}`,
    ]);
    expect(found(`headers = {"Authorization": "Bearer ${v}"}`, 'client.py')).toEqual([
      `generic-authorization-header:error:${v}`,
    ]);
    expect(found(`conn.setRequestProperty("Authorization", "token ${v}");`, 'Client.java')).toEqual([
      `generic-authorization-header:error:${v}`,
    ]);
    const basic = b64(`svc-reporting:${rand(18)}`);
    expect(found(`Authorization: Basic ${basic}`, 'request.http')).toEqual([
      `generic-authorization-header:error:${basic}`,
    ]);
    // References and placeholders are not credentials; Basic must decode to user:password.
    for (const text of [
      'headers = {"Authorization": f"Bearer {token}"}',
      'Authorization: Bearer $TOKEN',
      'Authorization: Bearer <your-token>',
      'Authorization: Bearer YOUR_API_KEY',
      `Authorization: Basic ${b64(rand(30))}`,
      'Authorization: Bearer ${{ secrets.API_TOKEN }}',
    ]) {
      expect(found(text, 'client.py'), text).toEqual([]);
    }
  });
  it('a provider token in a header is the provider rule’s finding', () => {
    const hf = `hf_${rand(34, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz')}`;
    expect(
      found(`curl -H "Authorization: Bearer ${hf}" https://huggingface.co/api/whoami-v2`, 'call.sh').map(
        (f) => f.split(':')[0],
      ),
    ).toEqual(['huggingface-user-token']);
  });
});

describe('Slack token shapes', () => {
  it.each([
    ['rotating user token', () => `xoxe.xoxp-1-${rand(140)}`],
    ['rotating bot token', () => `xoxe.xoxb-1-${rand(140)}`],
    ['refresh token', () => `xoxe-1-${rand(140)}`],
    [
      'legacy workspace app token',
      () => `xoxa-2-${rand(11, '0123456789')}-${rand(12, '0123456789')}-${rand(12, '0123456789')}-${rand(64, HEX)}`,
    ],
    ['short legacy bot token', () => `xoxb-${rand(11, '0123456789')}-${rand(24)}`],
    [
      'legacy user token with a short hex tail',
      () => `xoxp-${rand(10, '0123456789')}-${rand(10, '0123456789')}-${rand(11, '0123456789')}-${rand(10, HEX)}`,
    ],
  ])('%s', (_name, make) => {
    const token = make();
    expect(found(`SLACK_TOKEN_X = "${token}"`)).toEqual([`slack-token:error:${token}`]);
  });
  it('workflow and trigger webhooks with four path segments', () => {
    const secret = rand(32);
    const workflow = `https://hooks.slack.com/workflows/T${rand(9, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}/A${rand(10, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}/${rand(18, '0123456789')}/${secret}`;
    expect(found(`url: ${workflow}`)).toEqual([`slack-webhook:error:${secret}`]);
    const trigger = `https://hooks.slack.com/triggers/T${rand(9, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}/${rand(13, '0123456789')}/${secret}`;
    expect(found(`url: ${trigger}`)).toEqual([`slack-webhook:error:${secret}`]);
  });
  it('placeholders stay quiet', () => {
    expect(found('SLACK_BOT_TOKEN = "xoxb-your-token"')).toEqual([]);
    expect(found(`SLACK_BOT_TOKEN = "xoxe.xoxp-1-${'x'.repeat(100)}"`)).toEqual([]);
  });
});

describe('Vercel and GitHub shapes', () => {
  it('Vercel app access tokens (vca_)', () => {
    const token = `vca_${rand(40)}`;
    expect(found(`token: ${token}`)).toEqual([`vercel-token:error:${token}`]);
  });
  it('GitHub installation tokens in the JWT-bearing form (ghs_<app id>_<jwt>) are short-lived: a warning', () => {
    const jwt = `${b64u(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${b64u(JSON.stringify({ iss: 804213, exp: 1900000000, iat: 1899996400 }))}.${rand(342, B64U)}`;
    const token = `ghs_804213_${jwt}`;
    expect(found(`GITHUB_TOKEN=${token}`, '.env')).toEqual([`github-token:warning:${token}`]);
  });
});

describe('JWTs are judged by their decoded header and claims', () => {
  const sig = () => rand(43, B64U);
  const jwt = (header: object, payload: object, signature = sig()) =>
    `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(payload))}.${signature}`;
  const now = Math.floor(Date.now() / 1000);
  it('a signed token with claims and no expiry, or one still valid, is an error', () => {
    const t1 = jwt({ alg: 'HS256', typ: 'JWT' }, { sub: 'svc-ingest', iss: 'https://auth.acme.io/', iat: now - 100 });
    expect(found(`token: ${t1}`)).toEqual([`jwt:error:${t1}`]);
    const t2 = jwt({ alg: 'RS256', kid: 'k1' }, { sub: 'u-1', aud: 'api', exp: now + 86400 });
    expect(found(`Authorization: Bearer ${t2}`, 'req.http')).toEqual([`jwt:error:${t2}`]);
  });
  it('an expired token is a warning', () => {
    const t = jwt({ alg: 'HS256', typ: 'JWT' }, { sub: 'svc', exp: now - 3600 });
    expect(found(`API_TOKEN = "${t}"`)).toEqual([`jwt:warning:${t}`]);
  });
  it('a Supabase anon key is public by design (not reported); its service_role key is the Supabase rule’s finding, once', () => {
    const anon = jwt(
      { alg: 'HS256', typ: 'JWT' },
      { iss: 'supabase', ref: 'abcdefghijklmnop', role: 'anon', iat: 1700000000, exp: 2015000000 },
    );
    expect(found(`SUPABASE_ANON_KEY=${anon}`, '.env')).toEqual([]);
    const service = jwt(
      { alg: 'HS256', typ: 'JWT' },
      { iss: 'supabase', ref: 'abcdefghijklmnop', role: 'service_role', iat: 1700000000, exp: 2015000000 },
    );
    expect(
      found(`SUPABASE_SERVICE_ROLE_KEY=${service}`, '.env').map((f) => f.split(':').slice(0, 2).join(':')),
    ).toEqual(['supabase-service-role-jwt:error']);
  });
  it('unsigned tokens (alg none), the jwt.io sample, and base64 JSON that is not a JWT are not reported', () => {
    const unsigned = `${b64u(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64u(JSON.stringify({ sub: 'u-1', iat: now }))}.`;
    expect(found(`token: ${unsigned}`)).toEqual([]);
    const sample = jwt({ alg: 'HS256', typ: 'JWT' }, { sub: '1234567890', name: 'John Doe', iat: 1516239022 });
    expect(found(`example: ${sample}`)).toEqual([]);
    const notJwt = `${b64u(JSON.stringify({ color: 'red' }))}.${b64u(JSON.stringify({ size: 3 }))}.${sig()}`;
    expect(found(`data: ${notJwt}`)).toEqual([]);
  });
});

describe('Google credential files', () => {
  it('an ADC authorized_user file: the refresh token', () => {
    const refresh = `1//0${rand(99, B64U)}`;
    const adc = `{\n  "account": "",\n  "client_id": "764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com",\n  "client_secret": "GOCSPX-${rand(28, B64U)}",\n  "refresh_token": "${refresh}",\n  "type": "authorized_user",\n  "universe_domain": "googleapis.com"\n}`;
    expect(
      found(adc, 'application_default_credentials.json').filter((f) => f.startsWith('google-oauth-refresh-token')),
    ).toEqual([`google-oauth-refresh-token:error:${refresh}`]);
  });
  it('a service-account JSON whose PEM is escaped twice (JSON inside a string)', () => {
    const body = Array.from({ length: 12 }, () => rand(64, `${ALNUM}+/`)).join('\\\\n');
    const sa = `{"credentials": "{\\"type\\": \\"service_account\\", \\"project_id\\": \\"acme-ml\\", \\"private_key_id\\": \\"${rand(40, HEX)}\\", \\"private_key\\": \\"-----BEGIN PRIVATE KEY-----\\\\nMIIE${body}\\\\n-----END PRIVATE KEY-----\\\\n\\", \\"client_email\\": \\"trainer@acme-ml.iam.gserviceaccount.com\\"}"}`;
    const ids = found(sa, 'deploy.json').map((f) => f.split(':').slice(0, 2).join(':'));
    expect(ids).toEqual(['google-service-account-key:error']);
  });
});
