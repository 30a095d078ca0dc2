import { describe, expect, it } from '@jest/globals';
import { checkCommits, checkHeader, commitProblems, parseGitLog, qualityGateSettingsOf, type GateCommit } from '../../src/gate/index.js';

const S = qualityGateSettingsOf(undefined).commits;
const commit = (sha: string, message: string, parents = 1): GateCommit => ({ sha, parents, message });

describe('conventional commit headers', () => {
  it.each([
    'feat: add export',
    'fix(parser): handle empty input',
    'feat(api)!: drop v1',
    'security(deps): bump lodash',
    'revert: feat: add export',
    'Revert "feat: add export"',
  ])('accepts %s', (h) => expect(checkHeader(h, S)).toBeUndefined());

  it.each([
    ['Add export', /not "<type>\(<scope>\): <description>"/],
    ['feat:add export', /a space must follow the colon/],
    ['feature: add export', /type "feature" is not one of feat, fix/],
    ['Fix: typo', /type "Fix" must be lower case \("fix"\)/],
    ['fix(): typo', /empty scope/],
    ['fix: ', /empty description|not "<type>/],
    [`feat: ${'x'.repeat(120)}`, /header is 126 characters, more than 100/],
  ])('rejects %s', (h, problem) => expect(checkHeader(h, S)).toMatch(problem));

  it('enforces configured scopes and a required scope', () => {
    const strict = { ...S, scopes: ['core', 'cli'], requireScope: true };
    expect(checkHeader('fix: x', strict)).toMatch(/a scope is required/);
    expect(checkHeader('fix(web): x', strict)).toMatch(/scope "web" is not one of core, cli/);
    expect(checkHeader('fix(core,cli): x', strict)).toBeUndefined();
  });
});

describe('every commit of the PR and its title', () => {
  const commits = [
    commit('a'.repeat(40), 'feat(cli): add gate command\n\nbody'),
    commit('b'.repeat(40), "Merge branch 'main' into feature", 2),
    commit('c'.repeat(40), 'fixup! feat(cli): add gate command'),
    commit('d'.repeat(40), 'wip'),
  ];

  it('one line per bad commit naming it; merges skipped and fixups failed by default', () => {
    const verdicts = checkCommits(commits, S, 'Gate command');
    expect(verdicts.map((v) => [v.subject.slice(0, 8), v.valid, v.skipped])).toEqual([
      ['PR title', false, undefined],
      ['aaaaaaaa', true, undefined],
      ['bbbbbbbb', true, 'merge'],
      ['cccccccc', false, undefined],
      ['dddddddd', false, undefined],
    ]);
    expect(commitProblems(verdicts)).toEqual([
      'PR title "Gate command": not "<type>(<scope>): <description>"; e.g. "fix(parser): handle empty input"',
      'commit cccccccccccc "fixup! feat(cli): add gate command": fixup! commit; squash it before merging (git rebase -i --autosquash)',
      'commit dddddddddddd "wip": not "<type>(<scope>): <description>"; e.g. "fix(parser): handle empty input"',
    ]);
  });

  it('by config: merge commits checked, fixups allowed, title not checked', () => {
    const verdicts = checkCommits(commits, { ...S, mergeCommits: 'check', fixupCommits: 'skip', checkTitle: false }, 'Gate command');
    expect(verdicts.filter((v) => !v.valid).map((v) => v.subject[0])).toEqual(['b', 'd']);
    expect(verdicts.find((v) => v.subject.startsWith('c'))?.skipped).toBe('fixup');
  });

  it('parses git log --format=%H%x00%P%x00%B%x1e', () => {
    const text = `${'a'.repeat(40)}\0p1\0feat: x\n\nbody\n\x1e\n${'b'.repeat(40)}\0p1 p2\0Merge x\n\x1e\n`;
    expect(parseGitLog(text)).toEqual([commit('a'.repeat(40), 'feat: x\n\nbody\n'), commit('b'.repeat(40), 'Merge x\n', 2)]);
  });
});
