import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Git } from '../../src/git/git.js';
import { blameTimes, grepMarkers, harvestLocal, trackedFiles, walkHistory } from '../../src/git/discover.js';
import { discover } from '../../src/discover/engine.js';
import { discoverSettings } from '../../src/discover/settings.js';
import { loadConfig } from '../../src/config/index.js';

const ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e', GIT_CONFIG_NOSYSTEM: '1', HOME: tmpdir() };
const settings = { ...discoverSettings(loadConfig(undefined)), hotspot_min_commits: 2, test_gap_min_commits: 2 };
const DAY = 86_400;
const T0 = Date.UTC(2025, 0, 1) / 1000;

describe('local harvest on a real repository', () => {
  let dir: string;
  let git: Git;
  const commit = async (files: Record<string, string>, day: number, message = `day ${day}`) => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const date = `@${T0 + day * DAY} +0000`;
    await git.run(['add', '-A']);
    await git.run(['commit', '-q', '-m', message], { env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cl-discover-'));
    git = new Git(dir, ENV);
    await git.run(['init', '-q', '-b', 'main']);
    await commit(
      {
        'src/app.ts': 'export function f(a: number) {\n  // TODO: handle negative numbers\n  if (a > 0) {\n    return a;\n  }\n  return 0;\n}\n',
        'weird name -x.ts': '// FIXME: odd\n',
      },
      0,
    );
    await commit(
      {
        'src/app.ts': 'export function f(a: number) {\n  // TODO: handle negative numbers\n  if (a > 0 && a < 9) {\n    return a;\n  }\n  return 0;\n}\n',
        'src/app.test.ts': 'test\n',
      },
      10,
    );
    await commit({ 'src/util.ts': 'export const x = 1;\n' }, 20);
    await commit({ 'src/util.ts': 'export const x = 2;\n', 'img.bin': Buffer.from([0, 1, 2, 0]).toString('latin1') }, 30);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds markers with git grep, hostile file names included', async () => {
    const hits = await grepMarkers(git, settings.markers, () => true);
    expect(hits.map((h) => [h.path, h.line, h.tag, h.text]).sort()).toEqual([
      ['src/app.ts', 2, 'TODO', 'handle negative numbers'],
      ['weird name -x.ts', 1, 'FIXME', 'odd'],
    ]);
    expect(await grepMarkers(git, ['NOPE'], () => true)).toEqual([]);
  });

  it('dates markers with blame when cheap, and says so when not', async () => {
    const hits = await grepMarkers(git, settings.markers, () => true);
    const { times } = await blameTimes(git, hits, 5);
    expect(times.get('src/app.ts')?.get(2)).toBe(T0);
    const skipped = await blameTimes(git, hits, 1);
    expect(skipped.times.size).toBe(0);
    expect(skipped.skipped).toContain('2 files hold markers');
  });

  it('streams history into churn with progress, within the window', async () => {
    const progress: number[] = [];
    const all = await walkHistory(git, { sinceDays: 0, maxCommits: 100, now: (T0 + 40 * DAY) * 1000, onProgress: (n) => progress.push(n), progressEvery: 2 });
    expect(all.commits).toBe(4);
    expect(progress).toEqual([2, 4]);
    expect(all.churn.get('src/app.ts')).toEqual({ commits: 2, lastTime: T0 + 10 * DAY, withTests: 1 });
    expect(all.churn.get('src/util.ts')).toEqual({ commits: 2, lastTime: T0 + 30 * DAY, withTests: 0 });
    const recent = await walkHistory(git, { sinceDays: 25, maxCommits: 100, now: (T0 + 40 * DAY) * 1000 });
    expect(recent.commits).toBe(2);
  });

  it('lists tracked blobs with sizes', async () => {
    const files = await trackedFiles(git);
    expect(files.find((f) => f.path === 'src/util.ts')).toEqual({ path: 'src/util.ts', bytes: 20 });
    expect(files.map((f) => f.path)).toContain('weird name -x.ts');
  });

  it('harvests everything a clone gives and ranks it; ids survive the TODO moving down the file', async () => {
    const now = (T0 + 40 * DAY) * 1000;
    const first = discover(await harvestLocal(git, settings, { now }), settings, now);
    expect(first.signals.filter((s) => s.status === 'ok').map((s) => s.signal)).toEqual(['debt-markers', 'hotspots', 'test-gaps', 'large-files']);
    expect(first.signals.find((s) => s.signal === 'ci-health')).toMatchObject({ status: 'skipped' });
    const kinds = first.items.map((i) => `${i.kind}:${i.path}`);
    expect(kinds).toEqual(expect.arrayContaining(['debt-marker:src/app.ts', 'hotspot:src/app.ts', 'test-gap:src/util.ts']));
    expect(kinds).not.toContain('test-gap:src/app.ts');
    const todo = first.items.find((i) => i.kind === 'debt-marker' && i.path === 'src/app.ts')!;
    expect(todo.evidence.ageDays).toBe(40);

    await commit(
      {
        'src/app.ts':
          '// header\n// more header\n\nexport function f(a: number) {\n    // TODO:   handle negative numbers\n  if (a > 0 && a < 9) {\n    return a;\n  }\n  return 0;\n}\n',
      },
      35,
    );
    const second = discover(await harvestLocal(git, settings, { now }), settings, now);
    const moved = second.items.find((i) => i.kind === 'debt-marker' && i.path === 'src/app.ts')!;
    expect(moved.line).toBe(5);
    expect(moved.id).toBe(todo.id);
    expect(second.items.find((i) => i.kind === 'hotspot' && i.path === 'src/app.ts')?.id).toBe(
      first.items.find((i) => i.kind === 'hotspot' && i.path === 'src/app.ts')?.id,
    );
  });

  it('says when a shallow clone limits the churn signals', async () => {
    const shallow = mkdtempSync(join(tmpdir(), 'cl-discover-shallow-'));
    try {
      await git.run(['clone', '-q', '--depth', '1', `file://${dir}`, shallow]);
      const now = (T0 + 40 * DAY) * 1000;
      const h = await harvestLocal(new Git(shallow, ENV), settings, { now });
      expect(h.commits).toBe(1);
      const metrics = discover(h, settings, now);
      expect(metrics.signals.find((s) => s.signal === 'hotspots')).toEqual({
        signal: 'hotspots',
        status: 'ok',
        note: 'shallow clone: churn covers only the fetched commits (check out with fetch-depth: 0)',
      });
    } finally {
      rmSync(shallow, { recursive: true, force: true });
    }
  });

  it('copes with a repository without commits', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'cl-discover-empty-'));
    try {
      const g = new Git(empty, ENV);
      await g.run(['init', '-q']);
      const h = await harvestLocal(g, settings, { now: 0 });
      expect(h).toMatchObject({ sha: '0'.repeat(40), commits: 0, files: [] });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
