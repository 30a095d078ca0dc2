// Every bad input a user can give the CLI is answered with a documented exit code and one line naming
// the option or file and the fix; the README's exit-code table and each command's --help agree.
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { TempRepo } from '../../core/test/review-hash/temp-repo.js';
import { EXIT, EXIT_MEANING, type Command } from '../src/command.js';
import { commandHelp, exitLine } from '../src/help.js';
import { fullRoot } from '../src/main.js';
import { cli } from './io.js';

const REPO_ROOT = join(new URL('.', import.meta.url).pathname, '..', '..', '..');
const TOKEN = ['ghp', 'aB3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5'].join('_');

function expectOneLine(result: { code: number; stderr: string }, code: number, text: string | RegExp) {
  expect(result.code).toBe(code);
  const lines = result.stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toEqual(typeof text === 'string' ? expect.stringContaining(text) : expect.stringMatching(text));
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
}

describe('ordinary mistakes are usage errors (exit 2, one line), never internal errors', () => {
  it('classify --log with a directory, and with a truncated gzip', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-err-'));
    expectOneLine(await cli(['classify', '--log', dir]), 2, `--log ${dir}: is a directory, not a file`);
    writeFileSync(join(dir, 'job.log.gz'), gzipSync('Run npm test\nnpm ERR! code ECONNRESET\n'.repeat(50)).subarray(0, 30));
    expectOneLine(await cli(['classify', '--log', 'job.log.gz'], { cwd: dir }), 2, 'the gzip data is truncated or corrupt');
  });

  it('scan --range that is not a range, and --files with no paths', async () => {
    const repo = TempRepo.init().write('a.txt', 'a\n');
    repo.commit('one');
    expectOneLine(await cli(['scan', '--range', 'HEAD;x'], { cwd: repo.dir }), 2, '--range "HEAD;x": not a commit range');
    expectOneLine(await cli(['scan', '--files'], { cwd: repo.dir }), 2, '--files needs at least one PATH');
  });

  it('scan --sarif into a missing folder still prints the findings first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-err-'));
    writeFileSync(join(dir, 'settings.py'), `GITHUB_TOKEN = "${TOKEN}"\n`);
    const result = await cli(['scan', '--files', 'settings.py', '--sarif', 'missing/out.sarif'], { cwd: dir });
    expectOneLine(result, 2, 'missing/out.sarif: no such file or directory');
    expect(result.stdout).toContain('settings.py:1');
    expect(result.stdout).not.toContain(TOKEN.slice(4));
  });

  it('review-hash outside a repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-err-'));
    expectOneLine(await cli(['review-hash', 'verify', '--base', 'HEAD'], { cwd: dir }), 2, 'not inside a git repository');
  });

  it('discover --npm-audit with a directory', async () => {
    const repo = TempRepo.init().write('a.txt', 'a\n');
    repo.commit('one');
    expectOneLine(await cli(['discover', '--repo', repo.dir, '--npm-audit', repo.dir], { cwd: repo.dir }), 2, `--npm-audit ${repo.dir}: is a directory`);
  });

  it('config validate: an absolute --file is read as given; no config file is valid (all defaults)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-err-'));
    writeFileSync(join(dir, 'cl.yml'), 'version: 1\n');
    expect(await cli(['config', 'validate', '--file', join(dir, 'cl.yml')])).toMatchObject({ code: 0, stdout: `${join(dir, 'cl.yml')}: valid.\n` });
    expect(await cli(['config', 'validate'], { cwd: dir })).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('not present; every setting has its default'),
    });
  });

  it('replay --event whose workflow_run is null, or that is not an object', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-err-'));
    writeFileSync(join(dir, 'null.json'), '{"workflow_run": null}');
    writeFileSync(join(dir, 'array.json'), '[]');
    expectOneLine(await cli(['replay', '--event', 'null.json'], { cwd: dir }), 2, '--event null.json: no workflow_run object');
    expectOneLine(await cli(['replay', '--event', 'array.json'], { cwd: dir }), 2, '--event array.json: not a JSON object');
  });
});

describe('exit codes: README, --help and behaviour agree', () => {
  function* commands(command: Command, path: string[] = []): Generator<[string[], Command]> {
    yield [path, command];
    for (const sub of command.subcommands ?? []) yield* commands(sub, [...path, sub.name]);
  }

  it("the README's table lists exactly the codes and meanings of EXIT", () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| (\d)\s+\| (.+?)\s+\|$/gm)].map((m) => [Number(m[1]), m[2]]);
    expect(rows).toEqual(Object.entries(EXIT).map(([k, code]) => [code, EXIT_MEANING[k as keyof typeof EXIT]]));
  });

  it('every runnable command prints exactly one Exit codes line, built from EXIT and its own meaning of 1', async () => {
    for (const [path, command] of commands(await fullRoot())) {
      const lines = commandHelp(command, path)
        .split('\n')
        .filter((l) => /exit (code|0|1|2)/i.test(l));
      if (command.run) expect([path.join(' '), lines]).toEqual([path.join(' '), [exitLine(command)]]);
    }
  });

  it('a command that says it never finds anything never exits 1; one that can, says what 1 means', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-err-'));
    writeFileSync(join(dir, 'settings.py'), `GITHUB_TOKEN = "${TOKEN}"\n`);
    const scan = await cli(['scan', '--files', 'settings.py'], { cwd: dir });
    expect(scan.code).toBe(EXIT.findings);
    const scanCommand = (await fullRoot()).subcommands?.find((c) => c.name === 'scan');
    expect(scanCommand?.failsWith).toBeTruthy();
  });

  it('scan PATH without --files scans the file whole, as --help, the README and docs/secret-scan.md say', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-err-'));
    writeFileSync(join(dir, 'settings.py'), `GITHUB_TOKEN = "${TOKEN}"\n`);
    const bare = await cli(['scan', 'settings.py'], { cwd: dir });
    expect(bare).toMatchObject({ code: EXIT.findings, stdout: expect.stringContaining('settings.py:1') });
    expect(bare.stdout).toBe((await cli(['scan', '--files', 'settings.py'], { cwd: dir })).stdout);
    const scanCommand = (await fullRoot()).subcommands?.find((c) => c.name === 'scan') as Command;
    const help = commandHelp(scanCommand, ['scan']);
    const usage = /^Usage: (closed-loop scan .*)$/m.exec(help)?.[1] ?? '';
    expect(usage).toContain('[--files] PATH …');
    expect(help).toMatch(/--files +.*PATH … without --files does the same/);
    expect(readFileSync(join(REPO_ROOT, 'docs', 'secret-scan.md'), 'utf8')).toContain(`\n${usage}\n`);
    expect(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')).toMatch(/`npx closed-loop scan PATH …` \(the same as `scan --files PATH …`\)/);
  });
});

describe('the error line itself', () => {
  it('never shows a credential from the input, the excerpt JSON.parse quotes, or raw control bytes; always one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-err-'));
    writeFileSync(join(dir, 'key.yml'), `version: 1\n${TOKEN}: 1\n`);
    writeFileSync(join(dir, 'bare.json'), `${TOKEN}\n`);
    writeFileSync(join(dir, 'bin.json'), '\u001b]0;owned\u0007{');
    const key = await cli(['config', 'validate', '--file', 'key.yml'], { cwd: dir });
    expectOneLine(key, 2, /^closed-loop: key\.yml:2:1: .* is not a known setting/);
    const bare = await cli(['recover', 'plan', '--verdict', 'bare.json'], { cwd: dir });
    expectOneLine(bare, 2, "--verdict bare.json: not valid JSON (Unexpected token 'g')");
    const bin = await cli(['notify', 'render', '--verdict', 'bin.json'], { cwd: dir });
    expectOneLine(bin, 2, '--verdict bin.json: not valid JSON');
    for (const r of [key, bare, bin]) {
      expect(r.stderr).not.toContain(TOKEN.slice(0, 10));
      // eslint-disable-next-line no-control-regex -- asserting there are none
      expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    }
    expectOneLine(await cli(['gate', 'bench', '--head', 'h.json', '--tolerance', '-5'], { cwd: dir }), 2, "Option '--tolerance' argument is ambiguous");
  });
});

describe('untrusted log text on a terminal', () => {
  it('shows control bytes of a binary log as \\xNN, never raw', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-err-'));
    writeFileSync(join(dir, 'bin.log'), 'Run make\n\u0007 error: build failed \u0000\u0008\u001b\nmake: *** [all] Error 2\n');
    const { code, stdout } = await cli(['classify', '--log', 'bin.log'], { cwd: dir });
    expect(code).toBe(0);
    // eslint-disable-next-line no-control-regex -- asserting there are none
    expect(stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(stdout).toContain('\\x07 error: build failed \\x00\\x08');
  });
});
