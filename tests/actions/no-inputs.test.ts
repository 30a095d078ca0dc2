import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/source-files.js';

const bundles = readdirSync(join(ROOT, 'actions')).filter((name) => existsSync(join(ROOT, 'actions', name, 'src', 'main.ts')));

// What a runner would do with a step that forgot every `with:`: the bundle, no INPUT_* variables.
function runBare(name: string) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('INPUT_') && !k.startsWith('GITHUB_')));
  return spawnSync(process.execPath, [join(ROOT, 'dist', name, 'index.js')], { env, encoding: 'utf8', timeout: 30_000 });
}

describe('bundled actions run with no inputs', () => {
  it('covers all seven actions', () => {
    expect(bundles.sort()).toEqual(
      expect.arrayContaining(['failure-classify', 'notify', 'recover', 'review-hash-validate', 'secret-scan', 'value-discovery', 'quality-gate']),
    );
  });

  it.each(bundles)('dist/%s/index.js prints one clear error line and exits 1', (name) => {
    const result = runBare(name);
    const errors = result.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(result.status).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^::error::\S.{10,}/);
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
  });
});

describe('bundled actions given a broken event file', () => {
  // @actions/github parses GITHUB_EVENT_PATH while it is imported: without our preflight, a raw
  // SyntaxError stack and no ::error:: line, before any of our code runs.
  const dir = mkdtempSync(join(tmpdir(), 'cl-event-'));
  const payloads = { empty: '', truncated: '{"action": "completed", "workflow_run": {', array: '[1, 2]' };
  for (const [name, text] of Object.entries(payloads)) writeFileSync(join(dir, `${name}.json`), text);

  it.each(bundles.flatMap((b) => Object.keys(payloads).map((p) => [b, p])))(
    'dist/%s/index.js with an %s event file: one line naming it, exit 1',
    (name, payload) => {
      const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('INPUT_') && !k.startsWith('GITHUB_')));
      const path = join(dir, `${payload}.json`);
      const result = spawnSync(process.execPath, [join(ROOT, 'dist', name, 'index.js')], {
        env: { ...env, GITHUB_EVENT_PATH: path },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(result.status).toBe(1);
      expect(result.stdout.split('\n').filter((l) => l.startsWith('::error'))).toEqual([expect.stringContaining(`GITHUB_EVENT_PATH=${path}`)]);
      expect(result.stderr).toBe('');
    },
  );
});
