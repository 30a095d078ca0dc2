import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { PLANTED_SECRET_STRINGS, plantedSecretLog } from '@closed-loop/testkit';
import { makeOutcome, makeVerdict } from '../../core/test/notify/fixtures.js';
import { cli } from './io.js';

function workdir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cl-notify-'));
  for (const [name, value] of Object.entries(files)) writeFileSync(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));
  return dir;
}

describe('closed-loop notify render', () => {
  it('prints the markdown each routed channel would get, redacted and ping-free', async () => {
    const cwd = workdir({ 'verdict.json': makeVerdict({ lines: ['boom @org/team', ...plantedSecretLog()] }), 'outcome.json': makeOutcome() });
    const { code, stdout, stderr } = await cli(['notify', 'render', '--verdict', 'verdict.json', '--outcome', 'outcome.json'], { cwd });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^# Channels: issue, status, summary, chat/);
    expect(stdout).toContain('## Issue: testing/test-failure failure in CI');
    expect(stdout).toContain('## Commit status (closed-loop / CI)');
    expect(stdout).toContain('## Slack payload');
    expect(stdout).toContain('"type": "AdaptiveCard"');
    for (const s of PLANTED_SECRET_STRINGS) expect(stdout).not.toContain(s);
    expect(stdout).not.toContain('@org/team');
  });

  it('--severity reroutes and --json prints the channels for machines', async () => {
    const cwd = workdir({ 'v.json': makeVerdict({ run: { pullRequests: [7] } }) });
    const { code, stdout } = await cli(['notify', 'render', '--verdict', 'v.json', '--severity', 'high', '--json'], { cwd });
    expect(code).toBe(0);
    const preview = JSON.parse(stdout) as { channels: string[]; comment?: string; issue?: unknown };
    expect(preview.channels).toEqual(['comment', 'status', 'summary']);
    expect(preview.comment).toContain('<!-- closed-loop:notify-comment ');
    expect(preview.issue).toBeUndefined();
  });

  it('honours the config routing table', async () => {
    const cwd = workdir({ 'v.json': makeVerdict({ severity: 'low' }), 'cfg.yml': 'version: 1\nnotify:\n  routing:\n    low: [summary]\n' });
    const { stdout } = await cli(['notify', 'render', '--verdict', 'v.json', '--config', 'cfg.yml'], { cwd });
    expect(stdout).toMatch(/^# Channels: summary\n/);
  });

  it('usage errors exit 2 with one line', async () => {
    const cwd = workdir({ 'v.json': makeVerdict(), 'bad.json': '{nope' });
    expect(await cli(['notify', 'render'], { cwd })).toMatchObject({ code: 2, stderr: expect.stringMatching(/needs --verdict FILE/) });
    expect(await cli(['notify', 'render', '--verdict', 'v.json', '--severity', 'urgent'], { cwd })).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--severity must be one of critical, high, medium, low/),
    });
    expect(await cli(['notify', 'render', '--verdict', 'bad.json'], { cwd })).toMatchObject({ code: 2, stderr: expect.stringMatching(/not valid JSON/) });
    expect(await cli(['notify', 'render', '--verdict', 'missing.json'], { cwd })).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/no such file or directory/),
    });
    const help = await cli(['notify', 'render', '--help'], { cwd });
    expect(help.stdout).toContain('--verdict FILE');
  });
});
