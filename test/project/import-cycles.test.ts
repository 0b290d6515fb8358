// The layers of src/ (see docs/architecture.md) only work if imports run one
// way: a cycle ties modules together so that none can be read, tested or
// loaded alone. This follows every relative import (static, `import type`
// included, and `import('…')`) of src/ and rules/ and fails on any cycle,
// naming it.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT, tempDir, writeFiles } from '../helpers.js';

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (name.endsWith('.ts')) out.push(full);
  }
  return out;
}

const IMPORT = /(?:^|[\s;])(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Relative imports of a file, resolved to the .ts files they name. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2]!;
    if (!spec.startsWith('.')) continue;
    const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
    if (existsSync(target)) out.push(target);
  }
  return out;
}

/** Every cycle's files, found with Tarjan's strongly connected components. */
function cycles(files: string[]): string[][] {
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return found;
}

describe('imports', () => {
  it('form no cycle in src/ and rules/', () => {
    const files = [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'rules'))];
    expect(files.length).toBeGreaterThan(50);
    const named = cycles(files).map((c) => c.map((f) => relative(ROOT, f)));
    expect(named).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself)', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'a.ts': "import { b } from './b.js';\nexport const a = 1;\n",
      'b.ts': "import type { C } from './c/c.js';\nexport const b = 2;\n",
      'c/c.ts': "export type C = number;\nexport const lazy = () => import('../a.js');\n",
      'd.ts': "import { a } from './a.js';\n",
    });
    const found = cycles(sourceFiles(dir)).map((c) => c.map((f) => relative(dir, f)));
    expect(found).toEqual([['a.ts', 'b.ts', 'c/c.ts']]);
  });
});
