// A history scans hundreds of versions of one file: the engine remembers what
// each rule found on each window text of a path, and must give exactly what a
// fresh engine gives.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/scan/engine.js';
import { allRules } from '../../rules/index.js';
import { spyRule } from '../helpers.js';

const origin = { kind: 'worktree' } as const;
const scan = (engine: Engine, path: string, text: string) =>
  engine.scan({ path, text, startLine: 1, origin }).map((f) => [f.ruleId, f.line, f.column, f.secret]);

// Built here so the project's own scan of this file finds no assignment.
const value = ['Zx81', 'Qm4v', 'Tr9K', 'p2Wd', 'L7nB'].join('');

describe('the window memo', () => {
  it('runs a rule once on a window text it has seen on that path, and reports the same findings', () => {
    const spy = spyRule('spy-memo', ['needle'], /needle\w+/, {}, (m) => `${m}Q7r2Zk9w`);
    const engine = new Engine([spy.rule]);
    // A path's first windows are only counted (most paths of a history are small files seen once).
    const warmUp = Array.from({ length: 70 }, (_, i) => `needleWarm${i}`).join('\n');
    expect(scan(engine, 'config.yaml', warmUp)).toHaveLength(70);
    spy.windows.length = 0;
    const v1 = 'a = 1\nneedleAlpha here\nb = 2\n';
    const v2 = 'a = 1\nneedleAlpha here\nb = 3\nneedleBeta\n';
    const first = scan(engine, 'config.yaml', v1);
    expect(first).toHaveLength(1);
    const second = scan(engine, 'config.yaml', v2);
    expect(second).toEqual(
      scan(
        new Engine([spyRule('spy-memo', ['needle'], /needle\w+/, {}, (m) => `${m}Q7r2Zk9w`).rule]),
        'config.yaml',
        v2,
      ),
    );
    expect(second).toHaveLength(2);
    // The unchanged line was judged once; the new line once.
    expect(spy.windows).toEqual(['needleAlpha here', 'needleBeta']);
  });

  it('keeps what rules find on one path apart from another: the same line is code in a module, a value in .env', () => {
    const engine = new Engine(allRules);
    // Past both paths' warm-up, so the line is remembered on each.
    const warmUp = Array.from({ length: 70 }, (_, i) => `WARM_TOKEN_${i}=x`).join('\n');
    scan(engine, 'deploy/settings.env', warmUp);
    scan(engine, 'deploy/settings.py', warmUp);
    const line = `API_TOKEN=${value}\n`;
    const inEnv = scan(engine, 'deploy/settings.env', line);
    expect(inEnv.map((f) => f[0])).toContain('generic-secret-assignment');
    // An unquoted right-hand side in program source is an expression, not a value.
    expect(scan(engine, 'deploy/settings.py', line)).toEqual([]);
    expect(scan(engine, 'deploy/settings.env', line)).toEqual(inEnv);
  });

  it('stops remembering on a path whose windows do not come back (each version of a generated file differs)', () => {
    const spy = spyRule('spy-fresh', ['needle'], /needle\w+/, {}, (m) => `${m}Q7r2Zk9w`);
    const engine = new Engine([spy.rule]);
    const unique = (from: number) => Array.from({ length: 5000 }, (_, i) => `needle${from + i}x`).join('\n');
    expect(scan(engine, 'dist/bundle.js', unique(0))).toHaveLength(5000);
    spy.windows.length = 0;
    // The same text again: judged anew, since the path's memo was given up.
    expect(scan(engine, 'dist/bundle.js', unique(0))).toHaveLength(5000);
    expect(spy.windows).toHaveLength(5000);
  });

  it('never remembers a rule with a time budget: what it found before its deadline is not what the text holds', () => {
    const spy = spyRule('spy-budget', ['needle'], /needle\w+/, { timeBudgetMs: 1000 }, (m) => `${m}Q7r2Zk9w`);
    const engine = new Engine([spy.rule]);
    const warmUp = Array.from({ length: 70 }, (_, i) => `needleWarm${i}`).join('\n');
    scan(engine, 'a.txt', warmUp);
    spy.windows.length = 0;
    scan(engine, 'a.txt', 'needleOne\n');
    scan(engine, 'a.txt', 'needleOne\n');
    expect(spy.windows).toEqual(['needleOne', 'needleOne']);
  });
});
