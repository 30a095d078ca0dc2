import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseOutputFile, runBundledAction } from '../src/runner.js';

function fakeActionRoot(script: string): string {
  const root = mkdtempSync(join(tmpdir(), 'cl-runner-'));
  mkdirSync(join(root, 'actions/x'), { recursive: true });
  mkdirSync(join(root, 'dist/x'), { recursive: true });
  writeFileSync(
    join(root, 'actions/x/action.yml'),
    'name: x\ninputs:\n  github-token:\n    default: ${{ github.token }}\n  mode:\n    default: fast\n  other:\n    default: ${{ github.run_id }}\n',
  );
  writeFileSync(join(root, 'dist/x/index.js'), script);
  return root;
}

describe('runBundledAction', () => {
  it('passes inputs (with action.yml defaults), event and API URL, and reads outputs and summary back', async () => {
    const root = fakeActionRoot(`
      const fs = require('node:fs');
      const event = JSON.parse(fs.readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8'));
      fs.appendFileSync(process.env.GITHUB_OUTPUT, 'token=' + process.env['INPUT_GITHUB-TOKEN'] + '\\n');
      fs.appendFileSync(process.env.GITHUB_OUTPUT, 'mode=' + process.env.INPUT_MODE + '|' + process.env.INPUT_OTHER + '\\n');
      fs.appendFileSync(process.env.GITHUB_OUTPUT, 'multi<<EOF_1\\nline1\\nline2\\nEOF_1\\n');
      fs.appendFileSync(process.env.GITHUB_OUTPUT, 'event=' + event.action + ' ' + process.env.GITHUB_EVENT_NAME + ' ' + process.env.GITHUB_API_URL + '\\n');
      fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, '# hello');
      console.log('::warning::careful');
      process.exitCode = 3;
    `);
    const run = await runBundledAction({
      root,
      name: 'x',
      inputs: { mode: 'slow' },
      eventName: 'workflow_run',
      event: { action: 'completed' },
      apiUrl: 'http://127.0.0.1:1',
      token: 'tok',
      repository: 'acme/widgets',
    });
    expect(run.exitCode).toBe(3);
    expect(run.outputs).toEqual({ token: 'tok', mode: 'slow|', multi: 'line1\nline2', event: 'completed workflow_run http://127.0.0.1:1' });
    expect(run.summary).toBe('# hello');
    expect(run.annotations).toEqual([{ level: 'warning', message: 'careful' }]);
  });

  it('parses both output file forms', () => {
    expect(parseOutputFile('a=1\nb<<D\nx=y\n\nD\nc=\n')).toEqual({ a: '1', b: 'x=y\n', c: '' });
  });
});
