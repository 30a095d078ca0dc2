// Locate before classify: the failing command's block decides, its tool is a prior, informational
// summaries never decide. Lines follow each CI system's and tool's documented wording.
import { describe, expect, it } from '@jest/globals';
import { classifyLog } from '../../src/classify/index.js';
import { failurePoint } from '../../src/classify/failure-point.js';
import { toolOf } from '../../src/classify/tools.js';

describe('failure points', () => {
  it.each([
    // Travis CI build log wording (docs.travis-ci.com/user/job-lifecycle)
    ['The command "npm test" exited with 1.', false, 'npm test'],
    ['The command "bundle exec rake" failed and exited with 2.', false, 'bundle exec rake'],
    // GNU make manual, "Errors in Recipes"
    ['make: *** [Makefile:41: lint] Error 2', false, 'make lint'],
    ['make[1]: *** [test] Error 1', false, 'make test'],
    // npm run-script lifecycle failures
    ['npm ERR! Failed at the app@1.0.0 test script.', false, 'npm run test'],
    ['npm ERR! Lifecycle script `lint` failed with error:', false, 'npm run lint'],
    // Jenkins and GitLab runner
    ["Build step 'Execute shell' marked build as failure", false, 'Execute shell'],
    ['ERROR: Job failed: exit code 1', false, ''],
    ['Process completed with exit code 1.', true, ''],
  ])('%s', (line, marker, command) => {
    expect(failurePoint(line, marker)).toEqual({ command });
  });

  it.each([['The command "npm test" exited with 0.'], ['make: *** [clean] Error 1 (ignored)'], ['Process completed with exit code 0.']])('not %s', (line) => {
    expect(failurePoint(line, true)).toBeUndefined();
  });
});

describe('tool table', () => {
  it.each([
    ['npm run lint', 'quality'],
    ['bundle exec rubocop', 'quality'],
    ['markdownlint **/*.md', 'quality'],
    ['awesome_bot README.md --allow-redirect', 'quality'],
    ['npm audit --audit-level=high', 'security'],
    ['python -m pytest -q', 'testing'],
    ['./vendor/bin/phpunit', 'testing'],
    ['Run Tests', 'testing'],
    ['pip install -r requirements.txt', 'dependencies'],
    ['cargo build --release', 'build'],
  ])('%s → %s', (command, category) => {
    expect(toolOf(command)?.category).toBe(category);
  });

  it('knows nothing of a project script', () => {
    expect(toolOf('./ci/run.sh')).toBeUndefined();
  });
});

describe('locate before classify', () => {
  it('takes the evidence from the failing command block, not from earlier output', async () => {
    const log = [
      '$ npm install',
      'npm WARN deprecated request@2.88.2: request has been deprecated',
      'curl: (22) The requested URL returned error: 404',
      'added 300 packages in 5s',
      '$ npm test',
      '  1) parser',
      '       parses dates:',
      '     AssertionError: expected 1 to equal 2',
      '  1 failing',
      'The command "npm test" exited with 1.',
    ].join('\n');
    const r = await classifyLog([log]);
    expect(r.category).toBe('testing');
    expect(r.evidence.lines.join('\n')).toContain('1 failing');
  });

  it("never lets npm install's audit summary decide", async () => {
    const log = [
      '$ npm ci',
      'found 3 vulnerabilities (1 moderate, 2 high)',
      '  run `npm audit fix` to fix them',
      '$ npm run lint',
      'Some style problem',
      'The command "npm run lint" exited with 1.',
    ].join('\n');
    const r = await classifyLog([log]);
    expect(r.category).toBe('quality');
    const audit = await classifyLog([['$ npm audit', 'found 3 vulnerabilities (1 moderate, 2 high)', 'The command "npm audit" exited with 1.'].join('\n')]);
    expect(audit.category).toBe('security');
  });

  it('falls back on the failing tool when no message rule matches, with the block as evidence', async () => {
    const log = ['$ bundle exec rspec', 'something odd happened', 'The command "bundle exec rspec" exited with 1.'].join('\n');
    const r = await classifyLog([log]);
    expect(r).toMatchObject({ category: 'testing', ruleId: 'tool/rspec', transient: false });
    expect(r.evidence.lines).toContain('something odd happened');
  });

  it('abstains when nothing says what failed', async () => {
    const r = await classifyLog(['hello\nworld\n']);
    expect(r.category).toBe('unknown');
  });

  // The kinds of failure issue 14 lists, each as its tool documents it.
  it.each([
    [
      [
        '$ karma start --single-run',
        'HeadlessChrome 79.0 (Linux 0.0.0) ERROR',
        '  Disconnected, because no message in 30000 ms.',
        'The command "karma start --single-run" exited with 1.',
      ],
      'infrastructure',
      true,
    ],
    [
      [
        '$ git clone https://example.org/r.git',
        "fatal: unable to access 'https://example.org/r.git/': Empty reply from server",
        'The command "git clone https://example.org/r.git" exited with 128.',
      ],
      'infrastructure',
      true,
    ],
    [
      [
        '$ markdownlint README.md',
        'README.md:12 MD040/fenced-code-language Fenced code blocks should have a language specified',
        'The command "markdownlint README.md" exited with 1.',
      ],
      'quality',
      false,
    ],
    [
      [
        '$ Rscript -e "devtools::test()"',
        '[ OK: 796 | SKIPPED: 0 | WARNINGS: 0 | FAILED: 1 ]',
        'The command "Rscript -e \\"devtools::test()\\"" exited with 1.',
      ],
      'testing',
      false,
    ],
    [['$ make test', 'test/run/closures.t [compilation failed]', 'make: *** [test] Error 1'], 'testing', false],
    [['$ npm install', 'found 3 vulnerabilities (1 moderate, 2 high)', '$ npm test', '  1 failing', 'The command "npm test" exited with 1.'], 'testing', false],
  ])('%j', async (lines, category, transient) => {
    const r = await classifyLog([lines.join('\n')]);
    expect(r).toMatchObject({ category, transient });
  });
});
