import { describe, expect, it } from '@jest/globals';
import { decideCommentTrigger, mentionsPhrase } from '../../src/recover/comment-trigger.js';
import { fixLoopRefusal, lastRollbackAt, revertedFingerprints } from '../../src/recover/loop-guards.js';
import { decideRollback } from '../../src/recover/rollback.js';
import { recoverSettings } from '../../src/recover/settings.js';
import { fixCommitMessage, rollbackCommitMessage, type CommitInfo } from '../../src/recover/trailers.js';

const sha = (c: string) => c.repeat(40);
const human = (s: string, message = 'work'): CommitInfo => ({ sha: sha(s), message, ours: false });
const fix = (s: string, fp: string): CommitInfo => {
  const m = fixCommitMessage('style: apply fixers', fp, 1);
  return { sha: sha(s), message: `${m.headline}\n\n${m.body}`, ours: true, date: '2026-01-01T10:00:00Z' };
};

describe('fix loop guards', () => {
  it('allows a first fix', () => {
    expect(fixLoopRefusal({ commits: [human('1')], fingerprint: 'f1', maxFixes: 3 })).toBeUndefined();
  });

  it('stops at N fixes per PR', () => {
    const commits = [fix('1', 'a'), human('2'), fix('3', 'b'), human('4'), fix('5', 'c'), human('6')];
    expect(fixLoopRefusal({ commits, fingerprint: 'd', maxFixes: 3 })).toMatch(/already made 3 fix commits here \(limit 3\)/);
  });

  it('does nothing when the last commit is ours', () => {
    expect(fixLoopRefusal({ commits: [human('1'), fix('2', 'a')], fingerprint: 'b', maxFixes: 3 })).toMatch(/newest commit 2222222 is ours/);
  });

  it('never re-applies a fix a human reverted', () => {
    const commits = [human('1'), fix('2', 'abc'), human('3', `Revert "style"\n\nThis reverts commit ${sha('2')}.`)];
    expect(revertedFingerprints(commits)).toEqual(new Set(['abc']));
    expect(fixLoopRefusal({ commits, fingerprint: 'abc', maxFixes: 3 })).toMatch(/was reverted before/);
    expect(fixLoopRefusal({ commits, fingerprint: 'other', maxFixes: 3 })).toBeUndefined();
  });

  it('ignores a forged fix trailer on someone else’s commit', () => {
    const forged = { ...fix('2', 'abc'), ours: false };
    expect(fixLoopRefusal({ commits: [forged, forged, forged, human('3')], fingerprint: 'x', maxFixes: 3 })).toBeUndefined();
  });

  it('finds our rollbacks', () => {
    const m = rollbackCommitMessage(fix('2', 'abc'), 9);
    const rb: CommitInfo = { sha: sha('3'), message: `${m.headline}\n\n${m.body}`, ours: true, date: '2026-01-01T11:00:00Z' };
    expect(lastRollbackAt([fix('2', 'abc'), rb])).toBe(Date.parse('2026-01-01T11:00:00Z'));
    expect(revertedFingerprints([fix('2', 'abc'), rb])).toEqual(new Set(['abc']));
  });
});

describe('rollback decision', () => {
  const head = fix('2', 'abc');
  const base = { enabled: true, runHeadSha: head.sha, branchHeadSha: head.sha, head, lastGreenSha: sha('1'), sinceGreen: [head] };
  it('reverts our fix when it is the only change since green', () => {
    expect(decideRollback(base)).toMatchObject({ rollback: true, fix: head });
  });
  it('leaves people’s changes alone', () => {
    expect(decideRollback({ ...base, sinceGreen: [human('9'), head] }).reason).toMatch(/2 commits since the last green run/);
    expect(decideRollback({ ...base, head: human('2'), sinceGreen: [human('2')] }).reason).toMatch(/not a closed-loop fix/);
    expect(decideRollback({ ...base, branchHeadSha: sha('7') }).reason).toMatch(/branch moved/);
    expect(decideRollback({ ...base, lastGreenSha: undefined }).reason).toMatch(/no green run/);
    expect(decideRollback({ ...base, enabled: false }).rollback).toBe(false);
  });
});

describe('comment trigger', () => {
  const settings = recoverSettings({}).commentTrigger;
  const ok = {
    settings,
    body: 'please /closed-loop fix',
    byUs: false,
    isPullRequest: true,
    role: 'write',
    pull: { draft: false, state: 'open' },
    attemptsForComment: 0,
    fixesLastHour: 0,
    hasFixers: true,
  };
  it('proceeds in suggestion mode by default for a writer on an open PR', () => {
    expect(decideCommentTrigger(ok)).toMatchObject({ proceed: true, mode: 'suggest' });
    expect(decideCommentTrigger({ ...ok, settings: { ...settings, commit: true } })).toMatchObject({ proceed: true, mode: 'commit' });
  });
  it('refuses a read-only commenter, a draft, and the hourly limit with a reply', () => {
    expect(decideCommentTrigger({ ...ok, role: 'read' })).toMatchObject({ proceed: false, reply: true, reason: expect.stringMatching(/write permission/) });
    expect(decideCommentTrigger({ ...ok, role: 'triage' })).toMatchObject({ proceed: false, reply: true });
    expect(decideCommentTrigger({ ...ok, pull: { draft: true, state: 'open' } }).reason).toMatch(/draft/);
    expect(decideCommentTrigger({ ...ok, fixesLastHour: 5 }).reason).toMatch(/limit 5/);
    expect(decideCommentTrigger({ ...ok, hasFixers: false })).toMatchObject({
      proceed: false,
      reply: true,
      reason: expect.stringMatching(/no fixer is configured/),
    });
  });
  it('stays silent on comments not for us, our own, and after 3 attempts', () => {
    expect(decideCommentTrigger({ ...ok, body: 'looks good' })).toMatchObject({ proceed: false, reply: false });
    expect(decideCommentTrigger({ ...ok, body: '> /closed-loop fix\nno thanks' })).toMatchObject({ proceed: false, reply: false });
    expect(decideCommentTrigger({ ...ok, byUs: true })).toMatchObject({ proceed: false, reply: false });
    expect(decideCommentTrigger({ ...ok, attemptsForComment: 3 })).toMatchObject({ proceed: false, reply: false });
    expect(decideCommentTrigger({ ...ok, isPullRequest: false })).toMatchObject({ proceed: false, reply: false });
    expect(mentionsPhrase('/Closed-Loop FIX', '/closed-loop fix')).toBe(true);
  });
});
