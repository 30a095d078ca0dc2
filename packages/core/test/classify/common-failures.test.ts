// Typical failed GitHub Actions jobs, one line each (plus the runner's exit-code line): the verdict each should get.
import { describe, expect, it } from '@jest/globals';
import { classifyLog } from '../../src/classify/index.js';

const cases: [string, string, string, boolean][] = [
  ['FAILED tests/test_api.py::test_create - AssertionError: assert 1 == 2', 'testing', 'test-failure', false],
  ['test result: FAILED. 41 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out', 'testing', 'test-failure', false],
  ['Tests:       1 failed, 12 passed, 13 total', 'testing', 'test-failure', false],
  [
    'src/app.py:3: error: Incompatible types in assignment (expression has type "str", variable has type "int")  [assignment]',
    'quality',
    'static-analysis',
    false,
  ],
  ['would reformat src/app.py', 'quality', 'format', false],
  ['   = note: `-D clippy::needless-borrow` implied by `-D warnings`', 'quality', 'lint', false],
  ["src/index.ts(4,1): error TS2304: Cannot find name 'foo'.", 'build', 'compile', false],
  ['./main.go:12:2: undefined: Foo', 'build', 'compile', false],
  ['Error: Unable to resolve action `actions/checkout@v9`, unable to find version `v9`', 'build', 'ci-config', false],
  ['ERROR: Could not find a version that satisfies the requirement foo==9.9 (from versions: none)', 'dependencies', 'resolution', false],
  ['npm ERR! code ERESOLVE', 'dependencies', 'resolution', false],
  ['System.IO.IOException: No space left on device : /home/runner/runners/2.311.0/_diag/Worker.log', 'performance', 'disk-full', true],
  ['FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory', 'performance', 'oom', false],
  ['npm ERR! code ETIMEDOUT', 'infrastructure', 'network', true],
  ['toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading', 'infrastructure', 'rate-limit', true],
  [
    'The runner has received a shutdown signal. This can happen when the runner service is stopped, or a manually started runner is canceled.',
    'infrastructure',
    'runner-lost',
    true,
  ],
  ["fatal: unable to access 'https://github.com/acme/lib/': The requested URL returned error: 502", 'infrastructure', 'service-outage', true],
  ['WRN leaks found: 1', 'security', 'secret-detected', false],
  ['found 2 vulnerabilities (1 moderate, 1 high)', 'security', 'vulnerable-dependency', false],
];

describe('common GitHub Actions failures', () => {
  it.each(cases)('%s → %s/%s', async (line, category, subcategory, transient) => {
    const log = `2024-05-01T10:00:00.0000000Z ${line}\n2024-05-01T10:00:00.1000000Z ##[error]Process completed with exit code 1.\n`;
    expect(await classifyLog([log])).toMatchObject({ category, subcategory, transient });
  });
});

describe('an error deep inside one long line (a minified bundle, a JSON dump, a one-line reporter)', () => {
  it('is read at offset 20 KiB, and past 100 KiB, with the line number of the whole line', async () => {
    for (const offset of [20 * 1024, 100 * 1024]) {
      const noise = 'x'.repeat(offset - 1);
      const line = `${noise} npm ERR! code ETIMEDOUT ${'y'.repeat(5000)}`;
      const log = `2024-05-01T10:00:00.0000000Z starting\n2024-05-01T10:00:00.0000000Z ${line}\n2024-05-01T10:00:00.1000000Z ##[error]Process completed with exit code 1.\n`;
      const r = await classifyLog([log]);
      expect(r).toMatchObject({ category: 'infrastructure', subcategory: 'network', transient: true, lines: 3 });
      expect(r.evidence.startLine).toBeLessThanOrEqual(2);
      expect(r.errorLine).toContain('npm ERR! code ETIMEDOUT');
      // The evidence shows the error, cut around it (… on both sides), not the line's first characters.
      const shown = r.evidence.lines.find((l) => l.includes('npm ERR! code ETIMEDOUT'));
      expect(shown).toMatch(/^….*npm ERR! code ETIMEDOUT.*…$/);
      expect(shown?.length).toBeLessThanOrEqual(502);
      expect(shown?.indexOf('npm ERR!')).toBeGreaterThan(150);
    }
  });

  it('reads a 4 MB line in linear time (the test-context check no longer backtracks over runs of word characters)', async () => {
    const line = `${'x'.repeat(2_000_000)} npm ERR! code ETIMEDOUT ${'y'.repeat(2_000_000)}`;
    const cpu = process.cpuUsage();
    const r = await classifyLog([`Run build\n${line}\n##[error]Process completed with exit code 1.\n`]);
    const { user, system } = process.cpuUsage(cpu);
    expect(r).toMatchObject({ category: 'infrastructure', subcategory: 'network' });
    expect((user + system) / 1e6).toBeLessThan(3); // about 13 s before
  });

  it('cuts a long line around the match without splitting a surrogate pair; a short line is shown whole', async () => {
    const line = `${'😀'.repeat(3000)} npm ERR! code ETIMEDOUT ${'😀'.repeat(3000)}`;
    const r = await classifyLog([`starting\n${line}\n##[error]Process completed with exit code 1.\n`]);
    const shown = r.evidence.lines.find((l) => l.includes('npm ERR! code ETIMEDOUT')) ?? '';
    expect(shown.length).toBeLessThanOrEqual(502);
    expect(shown).not.toMatch(/^…[\uDC00-\uDFFF]|[\uD800-\uDBFF]…$/);
    const short = await classifyLog(['starting\nnpm ERR! code ETIMEDOUT\n##[error]Process completed with exit code 1.\n']);
    expect(short.evidence.lines).toContain('npm ERR! code ETIMEDOUT');
  });
});
