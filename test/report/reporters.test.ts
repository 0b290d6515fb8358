import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { ROOT, fakeHfToken, git, leaklint, tempRepo, writeFiles } from '../helpers.js';
import { escapeData, escapeProperty } from '../../src/report/formats/github.js';
import { xml } from '../../src/report/formats/junit.js';

const T1 = fakeHfToken(61);

/** A repository with a committed secret, a suppressed one and a credential file. */
function repoWithFindings(): string {
  const repo = tempRepo();
  writeFiles(repo, {
    'app.py': `T = "${T1}"\nU = "${fakeHfToken(62)}"  # leaklint:allow\n`,
    '.env': 'DEBUG=1\n',
    'nb.ipynb': JSON.stringify({
      cells: [{ cell_type: 'code', source: [`tok = "${fakeHfToken(63)}"\n`], outputs: [] }],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    }),
  });
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'leak');
  return repo;
}

describe('sarif', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  for (const args of [['files'], ['history'], ['stdin']]) {
    it(`validates against the SARIF 2.1.0 schema (${args[0]})`, () => {
      const repo = repoWithFindings();
      const r = leaklint([...args, '-f', 'sarif'], { cwd: repo, input: `X = "${T1}"\n` });
      expect(r.status).toBe(1);
      const log = JSON.parse(r.stdout);
      const ok = validate(log);
      expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
      expect(ok).toBe(true);
    });
  }

  it('carries rules with help, partial fingerprints, suppressions and commit properties', () => {
    const repo = repoWithFindings();
    const log = JSON.parse(leaklint(['history', '-f', 'sarif'], { cwd: repo }).stdout);
    const run = log.runs[0];
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'huggingface-user-token');
    expect(rule.help.text).toMatch(/rotate/i);
    expect(rule.helpUri).toMatch(/^https:/);
    const result = run.results.find(
      (r: { ruleId: string; suppressions?: unknown }) => r.ruleId === 'huggingface-user-token' && !r.suppressions,
    );
    expect(result.partialFingerprints['leaklintFingerprint/v1']).toMatch(/^[0-9a-f]{32}$/);
    expect(result.properties.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(
      run.results.some((r: { suppressions?: Array<{ kind: string }> }) => r.suppressions?.[0]?.kind === 'inSource'),
    ).toBe(true);
    expect(JSON.stringify(log)).not.toContain(T1);
  });
});

describe('github annotations', () => {
  it('prints one ::error per finding with file, line and title, then a summary', () => {
    const repo = repoWithFindings();
    const r = leaklint(['files', '-f', 'github'], { cwd: repo });
    const lines = r.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('::error ')).length).toBeGreaterThanOrEqual(2);
    expect(r.stdout).toMatch(
      /^::error file=app\.py,line=1,col=6,endLine=1,endColumn=43,title=Hugging Face user access token \(huggingface-user-token\)::/m,
    );
    expect(lines.at(-1)).toMatch(/^leaklint: \d+ findings/);
  });

  it('escapes what the runner would misread', () => {
    expect(escapeData('50%\r\nnext')).toBe('50%25%0D%0Anext');
    expect(escapeProperty('a:b,c')).toBe('a%3Ab%2Cc');
  });
});

describe('gitlab secret-detection report', () => {
  it('has the report fields GitLab reads, stable ids and no raw secret', () => {
    const repo = repoWithFindings();
    const a = JSON.parse(leaklint(['history', '-f', 'gitlab'], { cwd: repo }).stdout);
    const b = JSON.parse(leaklint(['history', '-f', 'gitlab'], { cwd: repo }).stdout);
    expect(a.version).toBe('15.0.7');
    expect(a.scan).toMatchObject({ type: 'secret_detection', status: 'success', scanner: { id: 'leaklint' } });
    expect(a.scan.start_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    const v = a.vulnerabilities.find(
      (x: { identifiers: Array<{ value: string }> }) => x.identifiers[0]!.value === 'huggingface-user-token',
    );
    expect(v).toMatchObject({
      category: 'secret_detection',
      severity: 'Critical',
      location: { file: 'app.py', start_line: 1 },
    });
    expect(v.location.commit.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(a.vulnerabilities.map((x: { id: string }) => x.id)).toEqual(
      b.vulnerabilities.map((x: { id: string }) => x.id),
    );
    expect(JSON.stringify(a)).not.toContain(T1);
  });
});

describe('junit', () => {
  it('fails one test case per error finding and passes one when clean', () => {
    const repo = repoWithFindings();
    const r = leaklint(['files', '-f', 'junit'], { cwd: repo });
    expect(r.stdout).toMatch(/^<\?xml/);
    expect(r.stdout).toMatch(/<failure message="Hugging Face user access token" type="huggingface-user-token">/);
    expect(r.stdout).not.toContain(T1);
    const clean = leaklint(['stdin', '-f', 'junit'], { input: 'nothing\n' });
    expect(clean.status).toBe(0);
    expect(clean.stdout).toContain('<testcase classname="leaklint" name="no secrets found');
  });

  it('escapes XML and drops characters XML cannot carry', () => {
    expect(xml('a<b>&"c"\u0001')).toBe('a&lt;b&gt;&amp;&quot;c&quot;');
  });
});
