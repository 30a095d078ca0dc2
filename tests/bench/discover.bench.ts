// Value discovery at scale: a generated repository (10,000 commits × 5,000 files, built with
// git fast-import) and this repository itself. Prints time and peak memory next to the raw git
// baseline measured in the same run; no timed asserts (targets: < 10 s and < 2 s).
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discover, discoverSettings, Git, harvestLocal, loadConfig, type ValueMetrics } from '@closed-loop/core';
import { generateRepo, GIT_ENV } from './discover-repo.js';

const settings = discoverSettings(loadConfig(undefined));
const rows: string[][] = [];
const dirs: string[] = [];
const MB = 1024 * 1024;

async function measure<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; peakRssMb: number; peakHeapMb: number }> {
  global.gc?.();
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 10);
  const started = performance.now();
  try {
    const value = await fn();
    const m = process.memoryUsage();
    return { value, seconds: (performance.now() - started) / 1000, peakRssMb: Math.max(peakRss, m.rss) / MB, peakHeapMb: Math.max(peakHeap, m.heapUsed) / MB };
  } finally {
    clearInterval(timer);
  }
}

/** What git alone costs for the same walk: the floor our parsing and scoring add to. */
async function gitBaseline(git: Git): Promise<void> {
  for await (const _ of git.stream(
    ['log', '--no-renames', '--name-only', '-z', '--format=%x01%H %ct', `--max-count=${settings.max_commits}`, 'HEAD', '--'],
    '\0',
  ))
    continue;
  await git.run(['grep', '-n', '-z', '-I', '-w', '-E', '-e', settings.markers.join('|'), '--'], { okExitCodes: [1] });
  await git.run(['ls-tree', '-r', '--long', '-z', 'HEAD']);
}

async function bench(name: string, git: Git, target: number): Promise<ValueMetrics> {
  const baseline = await measure(() => gitBaseline(git));
  let commits = 0;
  const run = await measure(async () => {
    const now = Date.now();
    const harvest = await harvestLocal(git, settings, { now });
    commits = harvest.commits;
    return discover(harvest, settings, now);
  });
  rows.push([
    name,
    String(commits),
    String(run.value.items.length),
    `${run.seconds.toFixed(2)} s`,
    `< ${target} s`,
    `${baseline.seconds.toFixed(2)} s`,
    `${(run.seconds / baseline.seconds).toFixed(1)}×`,
    `${run.peakRssMb.toFixed(0)} MB`,
    `${run.peakHeapMb.toFixed(0)} MB`,
  ]);
  return run.value;
}

afterAll(() => {
  const head = ['repository', 'commits', 'items', 'discovery', 'target', 'git alone', 'ratio', 'peak RSS', 'peak heap'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(
    ['value-discovery benchmark (node process memory; git children not included)', line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join(
      '\n',
    ),
  );
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('value-discovery benchmark', () => {
  it('generated repository: 10,000 commits × 5,000 files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-bench-discover-'));
    dirs.push(dir);
    const built = await measure(() => generateRepo(dir, { commits: 10_000, files: 5_000, now: Math.floor(Date.now() / 1000) - 3600 }));
    rows.push(['(building it with fast-import)', '', '', `${built.seconds.toFixed(2)} s`, '', '', '', '', '']);
    const metrics = await bench('generated 10k × 5k', new Git(dir, GIT_ENV), 10);
    expect(metrics.items.some((i) => i.kind === 'hotspot')).toBe(true);
  });

  it('this repository', async () => {
    const metrics = await bench('closed-loop itself', new Git(process.cwd()), 2);
    expect(metrics.signals.find((s) => s.signal === 'debt-markers')?.status).toBe('ok');
  });
});
