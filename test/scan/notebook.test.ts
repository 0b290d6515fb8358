// Jupyter notebooks: cell sources and text outputs are scanned with cell and
// line; encoded binaries are not; broken JSON is scanned as plain text.
import { describe, expect, it } from 'vitest';
import { notebookChunks } from '../../src/scan/notebook.js';
import { Engine } from '../../src/scan/engine.js';
import { DEFAULT_MAX_FILE_SIZE, Scanner } from '../../src/scan/scanner.js';
import { allRules } from '../../rules/index.js';
import { fakeHfToken } from '../helpers.js';

const engine = new Engine(allRules);
const origin = { kind: 'worktree' } as const;

function notebook(cells: unknown[]): string {
  return JSON.stringify(
    { cells, metadata: { kernelspec: { name: 'python3' } }, nbformat: 4, nbformat_minor: 5 },
    null,
    1,
  );
}

function scan(path: string, text: string) {
  const scanner = new Scanner(engine, { moment: 'files', maxFileSize: DEFAULT_MAX_FILE_SIZE });
  scanner.add({ type: 'file', path, origin, data: Buffer.from(text) });
  return scanner.result();
}

const cellsAndLines = (text: string) => scan('nb.ipynb', text).findings.map((f) => [f.cell, f.line]);

/** Random bytes as base64, like a plotted figure. */
function fakePng(bytes = 4000): string {
  let x = 12345;
  const buf = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    buf[i] = x >> 16;
  }
  return buf.toString('base64');
}

describe('notebook chunks', () => {
  it('makes one chunk per cell source and per text output, numbered by cell', () => {
    const chunks = notebookChunks(
      'nb.ipynb',
      notebook([
        { cell_type: 'markdown', source: '# Title' },
        {
          cell_type: 'code',
          source: ['a = 1\n', 'print(a)'],
          outputs: [{ output_type: 'stream', name: 'stdout', text: ['1\n'] }],
        },
      ]),
      origin,
    );
    expect(chunks!.map((c) => [c.cell, c.text, c.startLine])).toEqual([
      [1, '# Title', 1],
      [2, 'a = 1\nprint(a)', 1],
      [2, '1\n', 1],
    ]);
  });

  it('returns undefined for text that is not notebook JSON', () => {
    expect(notebookChunks('nb.ipynb', '{"cells": [', origin)).toBeUndefined();
    expect(notebookChunks('nb.ipynb', '{"nbformat": 4}', origin)).toBeUndefined();
    expect(notebookChunks('nb.ipynb', 'null', origin)).toBeUndefined();
  });

  it('tolerates odd cells and outputs without throwing', () => {
    const chunks = notebookChunks(
      'nb.ipynb',
      JSON.stringify({ cells: [null, 3, { source: 7 }, { source: 'ok', outputs: [null, 'x', { data: null }] }] }),
      origin,
    );
    expect(chunks!.map((c) => [c.cell, c.text])).toEqual([[4, 'ok']]);
  });
});

describe('scanning notebooks', () => {
  it('finds a token in a cell source, naming the cell and the line within it', () => {
    const token = fakeHfToken(31);
    const text = notebook([
      { cell_type: 'markdown', source: ['# Fine-tune\n', 'Notes.\n'] },
      { cell_type: 'code', source: ['from huggingface_hub import login\n', `login(token="${token}")\n`], outputs: [] },
    ]);
    const [f] = scan('train.ipynb', text).findings;
    expect(f).toMatchObject({ ruleId: 'huggingface-user-token', file: 'train.ipynb', cell: 2, line: 2, column: 14 });
    expect(f!.secret).toBe(token);
  });

  it('finds tokens printed in stream, text/plain and error outputs', () => {
    const [a, b, c] = [fakeHfToken(32), fakeHfToken(33), fakeHfToken(34)];
    const text = notebook([
      {
        cell_type: 'code',
        source: 'print(cfg)',
        outputs: [{ output_type: 'stream', name: 'stdout', text: ['loading\n', `token=${a}\n`] }],
      },
      {
        cell_type: 'code',
        source: 'cfg',
        outputs: [
          {
            output_type: 'execute_result',
            execution_count: 2,
            data: { 'text/plain': [`{'token': '${b}'}`] },
            metadata: {},
          },
        ],
      },
      {
        cell_type: 'code',
        source: 'connect()',
        outputs: [
          {
            output_type: 'error',
            ename: 'ValueError',
            evalue: 'bad login',
            traceback: ['Traceback (most recent call last)', `ValueError: token ${c} refused`],
          },
        ],
      },
    ]);
    expect(cellsAndLines(text)).toEqual([
      [1, 2],
      [2, 1],
      [3, 2],
    ]);
  });

  it('finds a token that a coloured traceback wraps in ANSI escapes', () => {
    const token = fakeHfToken(35);
    const text = notebook([
      {
        cell_type: 'code',
        source: 'connect()',
        outputs: [
          {
            output_type: 'error',
            ename: 'HTTPError',
            evalue: `401 for ${token}`,
            traceback: [
              '\u001b[0;31m---------\u001b[0m',
              `\u001b[0;31mHTTPError\u001b[0m: 401 for \u001b[1m${token}\u001b[0m`,
            ],
          },
        ],
      },
    ]);
    const found = scan('nb.ipynb', text).findings;
    expect(found.map((f) => f.secret)).toEqual([token]);
    expect(found[0]).toMatchObject({ cell: 1, line: 2 });
  });

  it('counts lines of a progress-bar stream output, redrawn with lone CRs, as lines', () => {
    const token = fakeHfToken(39);
    const text = notebook([
      {
        cell_type: 'code',
        source: 'train()',
        outputs: [
          {
            output_type: 'stream',
            name: 'stderr',
            text: [' 10%|#   |\r 50%|#####|\r', `token=\u001b[1m${token}\u001b[0m\n`],
          },
        ],
      },
    ]);
    expect(cellsAndLines(text)).toEqual([[1, 3]]);
  });

  it('reports a secret once when the same output is shown in several text forms', () => {
    const token = fakeHfToken(36);
    const text = notebook([
      {
        cell_type: 'code',
        source: 'show()',
        outputs: [
          {
            output_type: 'display_data',
            data: { 'text/plain': [`token ${token}`], 'text/markdown': [`token ${token}`] },
            metadata: {},
          },
        ],
      },
    ]);
    expect(scan('nb.ipynb', text).findings).toHaveLength(1);
  });

  it('skips image and other binary outputs', () => {
    const text = notebook([
      {
        cell_type: 'code',
        source: 'plt.plot(x)',
        outputs: [
          {
            output_type: 'display_data',
            data: {
              'image/png': fakePng(),
              'image/jpeg': fakePng(3000),
              'application/pdf': fakePng(2000),
              'text/plain': ['<Figure size 640x480 with 1 Axes>'],
            },
            metadata: {},
          },
        ],
      },
    ]);
    const chunks = notebookChunks('nb.ipynb', text, origin)!;
    expect(chunks.map((c) => c.text)).toEqual(['plt.plot(x)', '<Figure size 640x480 with 1 Axes>']);
    expect(scan('nb.ipynb', text).findings).toEqual([]);
  });

  it('does not scan the base64 of a markdown attachment', () => {
    const text = notebook([
      {
        cell_type: 'markdown',
        source: '![chart](attachment:chart.png)',
        attachments: { 'chart.png': { 'image/png': fakePng() } },
      },
    ]);
    expect(notebookChunks('nb.ipynb', text, origin)!.map((c) => c.text)).toEqual(['![chart](attachment:chart.png)']);
  });

  it('falls back to plain-text scanning with a warning when the notebook is malformed', () => {
    const token = fakeHfToken(37);
    const r = scan('broken.ipynb', `{\n "cells": [\n  {"source": ["HF_TOKEN = '${token}'\\n"]\n`);
    expect(r.findings.map((f) => [f.line, f.cell])).toEqual([[3, undefined]]);
    expect(r.stats.warnings.join('\n')).toMatch(/broken\.ipynb.*plain text/);
  });

  it('scans a file named .ipynb only by name: other JSON files are plain text', () => {
    const token = fakeHfToken(38);
    const text = notebook([{ cell_type: 'code', source: `t = "${token}"`, outputs: [] }]);
    const [f] = scan('notes.json', text).findings;
    expect(f!.cell).toBeUndefined();
    expect(f!.line).toBeGreaterThan(1);
  });
});

describe('notebook state beyond cell sources and text outputs', () => {
  it('finds a password typed into a saved Password widget, at the line that holds it', () => {
    // Built at run time: the project's own scan reads this file, and a password written whole here is one.
    const password = ['Vq7mZ2', 'pLx9@Rt4wK'].join('!');
    const doc = {
      cells: [{ cell_type: 'code', source: 'pw = widgets.Password(description="DB")\npw', outputs: [] }],
      metadata: {
        widgets: {
          'application/vnd.jupyter.widget-state+json': {
            version_major: 2,
            version_minor: 0,
            state: {
              m1: {
                model_name: 'PasswordModel',
                model_module: '@jupyter-widgets/controls',
                state: { description: 'DB', value: password },
              },
              m2: {
                model_name: 'TextModel',
                model_module: '@jupyter-widgets/controls',
                state: { description: 'Name', value: 'alice' },
              },
            },
          },
        },
      },
      nbformat: 4,
      nbformat_minor: 5,
    };
    const text = JSON.stringify(doc, null, 1);
    const found = scan('login.ipynb', text).findings;
    expect(found.map((f) => f.secret)).toEqual([password]);
    expect(found[0]!.line).toBe(text.split('\n').findIndex((l) => l.includes(password)) + 1);
  });

  it('finds a token in a saved Text widget and in an application/vnd.* output', () => {
    const [a, b] = [fakeHfToken(81), fakeHfToken(82)];
    const doc = {
      cells: [
        {
          cell_type: 'code',
          source: 'fig',
          outputs: [
            {
              output_type: 'display_data',
              data: { 'application/vnd.plotly.v1+json': { layout: { title: `key ${a}` } } },
              metadata: {},
            },
          ],
        },
      ],
      metadata: {
        widgets: {
          'application/vnd.jupyter.widget-state+json': {
            state: { m: { model_name: 'TextModel', state: { value: b } } },
          },
        },
      },
    };
    expect(scan('plot.ipynb', JSON.stringify(doc)).findings.map((f) => [f.secret, f.cell])).toEqual([
      [a, 1],
      [b, undefined],
    ]);
  });

  it('scans a cell whose source list holds a non-string element', () => {
    const token = fakeHfToken(83);
    const text = notebook([
      { cell_type: 'code', source: ['import os\n', { note: 1 }, `os.environ["HF_TOKEN"] = "${token}"\n`], outputs: [] },
    ]);
    expect(scan('odd.ipynb', text).findings.map((f) => f.secret)).toEqual([token]);
  });

  it('stays quiet on widget state without secrets, and on an empty Password widget', () => {
    const doc = {
      cells: [],
      metadata: {
        widgets: {
          'application/vnd.jupyter.widget-state+json': {
            state: {
              a: { model_name: 'PasswordModel', state: { value: '' } },
              b: { model_name: 'FloatSliderModel', state: { value: 0.5, description: 'lr' } },
              c: { model_name: 'LayoutModel', state: { width: '100%' } },
            },
          },
        },
      },
    };
    const chunks = notebookChunks('w.ipynb', JSON.stringify(doc), origin)!;
    expect(chunks.length).toBeGreaterThan(0);
    expect(scan('w.ipynb', JSON.stringify(doc)).findings).toEqual([]);
  });
});
