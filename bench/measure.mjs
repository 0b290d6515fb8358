// Whole-process measurements: wall time of each run (several runs, after a
// warm-up), median and spread, and peak RSS through GNU time when present.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const GNU_TIME = '/usr/bin/time';

export function hasGnuTime() {
  if (!existsSync(GNU_TIME)) return false;
  return spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0;
}

function median(sorted) {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs `command` (a shell command line) `runs` times in `cwd` and returns
 * { median, min, max, runs: [seconds], rssMB, nodeRssMB } — rssMB is the
 * largest peak RSS of any single process of the run (GNU time's %M),
 * undefined without it; nodeRssMB is leaklint's own, from one more run of
 * `probe` (the command with bench/rss-probe.mjs loaded) when given.
 */
export function measure(command, { cwd, env, runs, warmup = 1, okCodes = [0, 1], probe }) {
  const dir = mkdtempSync(join(tmpdir(), 'leaklint-bench-'));
  const rssFile = join(dir, 'rss');
  const nodeRssFile = join(dir, 'node-rss');
  env = { ...env, LEAKLINT_BENCH_RSS_FILE: nodeRssFile };
  const withTime = hasGnuTime();
  const times = [];
  let rss = 0;
  let nodeRss = 0;
  try {
    for (let i = 0; i < warmup + runs; i++) {
      const argv = withTime ? [GNU_TIME, ['-f', '%M', '-o', rssFile, 'sh', '-c', command]] : ['sh', ['-c', command]];
      const t0 = process.hrtime.bigint();
      const r = spawnSync(argv[0], argv[1], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const status = r.status ?? -1;
      if (!okCodes.includes(status)) {
        throw new Error(
          `\`${command}\` exited ${status} in ${cwd}:\n${r.stderr.toString().trim().split('\n').slice(-5).join('\n')}`,
        );
      }
      if (i < warmup) {
        rmSync(nodeRssFile, { force: true });
        continue;
      }
      times.push(seconds);
      if (existsSync(nodeRssFile)) {
        for (const kb of readFileSync(nodeRssFile, 'utf8').trim().split('\n').map(Number))
          if (Number.isFinite(kb)) nodeRss = Math.max(nodeRss, kb);
        rmSync(nodeRssFile);
      }
      if (withTime) {
        const kb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
        if (Number.isFinite(kb)) rss = Math.max(rss, kb);
      }
    }
    // The same command with bench/rss-probe.mjs loaded, once, untimed: the Node process's own peak RSS.
    if (probe) {
      spawnSync('sh', ['-c', probe], { cwd, env, stdio: 'ignore' });
      if (existsSync(nodeRssFile))
        for (const kb of readFileSync(nodeRssFile, 'utf8').trim().split('\n').map(Number))
          if (Number.isFinite(kb)) nodeRss = Math.max(nodeRss, kb);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    median: median(sorted),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    runs: times,
    rssMB: withTime ? rss / 1024 : undefined,
    nodeRssMB: nodeRss ? nodeRss / 1024 : undefined,
  };
}
