import { describe, expect, it } from '@jest/globals';
import { classifyLog, RuleSet, userRules } from '../../src/classify/index.js';

const ts = (i: number) => `2024-05-01T10:00:${String(i % 60).padStart(2, '0')}.0000000Z`;
const raw = (lines: string[]) => lines.map((l, i) => `${ts(i)} ${l}`).join('\n');

describe('classifyLog', () => {
  it('finds the failing step and the lines that explain it, not the last lines', async () => {
    const log = raw([
      '##[group]Run npm ci',
      'added 300 packages',
      '##[endgroup]',
      '##[group]Run npm run build',
      'npm run build',
      '##[endgroup]',
      '> tsc -p .',
      "src/a.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.",
      ...Array.from({ length: 40 }, (_, i) => `note ${i}`),
      '##[error]Process completed with exit code 2.',
    ]);
    const r = await classifyLog([log]);
    expect(r).toMatchObject({
      category: 'build',
      subcategory: 'compile',
      transient: false,
      step: 'Run npm run build',
      format: 'raw',
      ruleId: 'build/compiler-error',
    });
    expect(r.evidence.startLine).toBeLessThanOrEqual(8);
    expect(r.evidence.endLine).toBeGreaterThanOrEqual(8);
    expect(r.evidence.lines).toContain("src/a.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.");
    expect(r.errorLine).toContain('error TS2322');
  });

  it('does not read the script a step echoes in its Run group as output', async () => {
    const log = raw([
      '##[group]Run ./check.sh',
      'echo "ERROR: go.mod/go.sum are not up-to-date" >&2',
      'shell: /usr/bin/bash -e {0}',
      '##[endgroup]',
      'internal/a.go:3:2: func x is unused (U1000)',
      '##[error]Process completed with exit code 1.',
    ]);
    const r = await classifyLog([log]);
    expect(r).toMatchObject({ category: 'quality', subcategory: 'static-analysis', step: 'Run ./check.sh' });
  });

  it('stops treating lines as a step header at an error marker or after a cap, even when the group never closes', async () => {
    const cut = raw([
      '##[group]Run make',
      'make',
      ...Array.from({ length: 600 }, (_, i) => `line ${i}`),
      'src/a.c:3:10: fatal error: foo.h: No such file or directory',
    ]);
    expect((await classifyLog([cut])).category).toBe('build');
    const marked = raw(['##[group]Run make', 'make', '##[error]src/a.c:3:10: fatal error: foo.h: No such file or directory']);
    expect((await classifyLog([marked])).category).toBe('build');
  });

  it('calls a job that hit timeout-minutes a timeout, not a lost runner', async () => {
    const log = raw([
      '##[group]Run npm test',
      'npm test',
      '##[endgroup]',
      'running...',
      '##[error]The job running on runner GitHub Actions 2 has exceeded the maximum execution time of 10 minutes.',
      '##[error]The operation was canceled.',
    ]);
    expect(await classifyLog([log])).toMatchObject({ category: 'performance', subcategory: 'timeout', transient: false });
  });

  it('calls a network failure transient', async () => {
    const r = await classifyLog(['npm ERR! code ECONNRESET\nnpm ERR! errno ECONNRESET\nnpm ERR! network aborted\n']);
    expect(r).toMatchObject({ category: 'infrastructure', subcategory: 'network', transient: true });
  });

  it('does not call "connection refused" inside a test\'s own stack trace a network outage', async () => {
    const log = [
      'FAIL src/client.test.ts',
      '  ● client › retries',
      '    Error: connect ECONNREFUSED 127.0.0.1:5432',
      '        at TCPConnectWrap.afterConnect (node:net:1555:16)',
      '        at Object.<anonymous> (src/client.test.ts:14:5)',
      'Tests: 1 failed, 4 passed, 5 total',
    ].join('\n');
    const r = await classifyLog([log]);
    expect(r.category).toBe('testing');
    expect(r.transient).toBe(false);
  });

  it('calls a Java test failing on a refused connection a test failure, not an outage', async () => {
    const log = [
      '[ERROR] Tests run: 3, Failures: 0, Errors: 1, Skipped: 0, Time elapsed: 0.5 s <<< FAILURE! - in com.acme.ClientTest',
      '[ERROR] com.acme.ClientTest.connects  Time elapsed: 0.1 s  <<< ERROR!',
      'java.net.ConnectException: Connection refused',
      '\tat com.acme.Client.open(Client.java:40)',
      '\tat com.acme.ClientTest.connects(ClientTest.java:22)',
    ].join('\n');
    const r = await classifyLog([log]);
    expect(r.transient).toBe(false);
    expect(r.category).toBe('testing');
  });

  it('reports unknown with low confidence when nothing specific matches, with the best generic line as evidence', async () => {
    const r = await classifyLog(['step one\nerror: something odd happened\nstep two\n']);
    expect(r).toMatchObject({ category: 'unknown', confidence: 0.2, transient: false });
    expect(r.evidence.lines).toContain('error: something odd happened');
  });

  it('keeps the best category below the threshold, with its confidence, but never calls it transient', async () => {
    const r = await classifyLog(['Traceback (most recent call last):\nValueError: bad\n'], { threshold: 0.9 });
    expect(r.category).toBe('testing');
    expect(r.confidence).toBeLessThan(0.9);
    const net = await classifyLog(['curl: (7) Failed to connect to example.com port 443: Connection refused\n'], { threshold: 0.99 });
    expect(net).toMatchObject({ category: 'infrastructure', transient: false });
  });

  it('lets user rules win and can disable built-in ones', async () => {
    const rules = new RuleSet(userRules({ rules: [{ pattern: 'flaky-db', category: 'infrastructure', transient: true, subcategory: 'db' }] }), [
      'testing/go-test',
    ]);
    const r = await classifyLog(['--- FAIL: TestDB (0.1s)\n    db_test.go:3: flaky-db timeout\n'], { rules });
    expect(r).toMatchObject({ category: 'infrastructure', subcategory: 'db', transient: true, ruleId: 'user/1' });
    expect(rules.all.some((x) => x.id === 'testing/go-test')).toBe(false);
  });

  it('keeps memory bounded: only a few lines around each rule match are kept', async () => {
    const lines = function* () {
      for (let i = 0; i < 200_000; i++) yield `${ts(i)} compiling unit ${i}\n`;
      yield `${ts(1)} error: could not compile \`widgets\`\n`;
    };
    const r = await classifyLog(lines());
    expect(r.lines).toBe(200_001);
    expect(r.category).toBe('build');
    expect(r.evidence.lines.length).toBeLessThanOrEqual(16);
  });
});
