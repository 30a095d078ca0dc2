import { afterAll, describe, expect, it } from '@jest/globals';
import { Git } from '../../src/git/index.js';
import { rangeDiff, stagedDiff } from '../../src/git/scan.js';
import { scanAddedLines } from '../../src/scan/index.js';
import { ScanRepo } from './repo.js';

const TOKEN = ['ghp', 'R4nD0mT0k3nV4lu3F0rT3st1ngPurp0s3sXY'].join('_');
const repos: ScanRepo[] = [];
const repo = () => {
  const r = new ScanRepo();
  repos.push(r);
  return r;
};
afterAll(() => repos.forEach((r) => r.remove()));

describe('git diff for scanning', () => {
  it('staged: exact odd paths, CRLF, non-UTF-8, binary skipped, before the first commit too', async () => {
    const r = repo()
      .write('we ird "quoted"\nname.txt', `x = 1\ntoken = "${TOKEN}"\n`)
      .write('crlf.ini', `a=1\r\napi_token=${TOKEN}\r\n`)
      .write('latin1.txt', Buffer.concat([Buffer.from('caf\xe9\n', 'latin1'), Buffer.from(`t=${TOKEN}\n`)]))
      .write('blob.bin', Buffer.from([0, 1, 2, 3, 0, 255]));
    r.git('add', '-A');
    const files = await stagedDiff(new Git(r.dir));
    expect(files.map((f) => [f.path, f.binary]).sort()).toEqual([
      ['blob.bin', true],
      ['crlf.ini', false],
      ['latin1.txt', false],
      ['we ird "quoted"\nname.txt', false],
    ]);
    const findings = scanAddedLines(files);
    expect(findings.map((f) => [f.file, f.line, f.ruleId]).sort()).toEqual([
      ['crlf.ini', 2, 'github-token'],
      ['latin1.txt', 2, 'github-token'],
      ['we ird "quoted"\nname.txt', 2, 'github-token'],
    ]);
  });

  it('a 5,000-file staged commit: every file read, the planted ones found', async () => {
    // Staged straight into the index (two distinct contents): the test is about 5,000 diff sections, not git add.
    const r = repo().stage(
      Array.from({ length: 5000 }, (_, i) => [`pkg/m${i % 50}/f${i}.ts`, i % 1250 === 3 ? `export const t = "${TOKEN}";\n` : 'export const n = 1;\n']),
    );
    const files = await stagedDiff(new Git(r.dir));
    expect(files).toHaveLength(5000);
    expect(
      scanAddedLines(files)
        .map((f) => f.file)
        .sort(),
    ).toEqual(['pkg/m3/f3.ts', 'pkg/m3/f3753.ts', 'pkg/m3/f2503.ts', 'pkg/m3/f1253.ts'].sort());
  });

  it('only added lines count; removal commits report nothing; external diff and textconv are never run', async () => {
    const r = repo().write('a.txt', 'one\n');
    const base = r.commit('base');
    r.write('a.txt', `one\ntoken = "${TOKEN}"\n`).write('.gitattributes', '*.txt diff=evil\n');
    r.git('config', 'diff.external', '/bin/false');
    r.git('config', 'diff.evil.textconv', 'sh -c "echo hijacked"');
    const added = r.commit('add secret');
    r.write('a.txt', 'one\n');
    const removed = r.commit('remove secret');
    const git = new Git(r.dir);
    expect((await rangeDiff(git, `${base}..${added}`)).find((f) => f.path === 'a.txt')?.lines).toEqual([{ line: 2, text: `token = "${TOKEN}"` }]);
    expect(scanAddedLines(await rangeDiff(git, `${added}..${removed}`))).toEqual([]);
    expect(scanAddedLines(await rangeDiff(git, `${base}...${removed}`))).toEqual([]);
    await expect(rangeDiff(git, '--output=/tmp/x..HEAD')).rejects.toThrow(/not a revision/);
  });
});
