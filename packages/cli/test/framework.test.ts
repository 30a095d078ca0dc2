import { describe, expect, it } from '@jest/globals';
import { mkdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VERSION } from '@closed-loop/core';
import { fullRoot } from '../src/main.js';
import { commandHelp } from '../src/help.js';
import type { Command } from '../src/command.js';
import { cli } from './io.js';

describe('closed-loop CLI framework', () => {
  it('prints the version', async () => {
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('prints help with commands and documented exit codes', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Commands:');
    expect(stdout).toContain('config');
    expect(stdout).toContain("Exit codes: 0 ok, 1 findings (what exactly: each command's --help), 2 usage or configuration error, 3 internal error.");
  });

  it('has --help for every command and subcommand', async () => {
    const walk = (c: Command, path: string[]): string[][] => [path, ...(c.subcommands ?? []).flatMap((s) => walk(s, [...path, s.name]))];
    for (const path of walk(await fullRoot(), []).slice(1)) {
      const { code, stdout } = await cli([...path, '--help']);
      expect({ path, code }).toEqual({ path, code: 0 });
      expect(stdout).toContain(`closed-loop ${path.join(' ')}`);
    }
  });

  it('rejects unknown commands and options with exit 2 and one line', async () => {
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('closed-loop: unknown command "frobnicate". See `closed-loop --help`.\n');
    const badOption = await cli(['config', 'validate', '--nope']);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr.trim().split('\n')).toHaveLength(1);
    expect(badOption.stderr).toContain("Unknown option '--nope'");
  });

  it('shows help on stderr with exit 2 for a command group without a subcommand', async () => {
    const { code, stderr } = await cli(['config']);
    expect(code).toBe(2);
    expect(stderr).toContain('Commands:');
  });

  it('renders option help', () => {
    const help = commandHelp(
      { name: 'x', summary: 'does x', usage: '--file F', options: { file: { type: 'string', valueName: 'F', description: 'The file.' } } },
      ['x'],
    );
    expect(help).toContain('Usage: closed-loop x --file F');
    expect(help).toContain('--file F  The file.');
  });
});

describe('closed-loop config', () => {
  const repo = () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-cfg-'));
    mkdirSync(join(dir, '.github'));
    return dir;
  };

  it('validates a good file and prints resolved settings as JSON', async () => {
    const dir = repo();
    writeFileSync(join(dir, '.github/closed-loop.yml'), 'version: 1\n');
    expect(await cli(['config', 'validate'], { cwd: dir })).toMatchObject({ code: 0, stdout: '.github/closed-loop.yml: valid.\n' });
    const json = await cli(['config', 'validate', '--json'], { cwd: dir });
    expect(JSON.parse(json.stdout)).toMatchObject({ version: 1, environments: {} });
  });

  it('reports a bad file as one line with file:line:column and exit 2', async () => {
    const dir = repo();
    writeFileSync(join(dir, '.github/closed-loop.yml'), 'version: 1\nmystery: true\n');
    const { code, stderr } = await cli(['config', 'validate'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toBe(
      'closed-loop: .github/closed-loop.yml:2:1: mystery is not a known setting; remove it or check the spelling against docs/closed-loop.schema.json.\n',
    );
  });

  it('says how to fix a missing file', async () => {
    const { code, stderr } = await cli(['config', 'validate', '--file', 'nope.yml']);
    expect(code).toBe(2);
    expect(stderr).toContain('--file nope.yml: no such file or directory; check the path.');
  });

  it('prints the JSON schema', async () => {
    const { code, stdout } = await cli(['config', 'schema']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ title: expect.stringContaining('closed-loop') });
  });
});
