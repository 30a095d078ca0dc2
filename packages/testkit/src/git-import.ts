// Copies a real git repository's commits into the fake, so the API answers with the same SHAs,
// parents and messages that the action's own git checkout holds (compare, merge-bases, commit lists).
import { execFileSync } from 'node:child_process';
import type { FakeState, RepoTarget } from './state/index.js';

const NOREPLY = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/i;

/**
 * Every commit reachable from the repository's refs (`--all`), or from `revs`, added to the fake's repo.
 * A commit's `author.login` is the GitHub user its author email names (`LOGIN@users.noreply.github.com`),
 * as GitHub itself links commits to accounts; trees stay in git (the fake's file snapshots are empty).
 * Returns the SHAs copied, newest first.
 */
export function importGitCommits(state: FakeState, dir: string, opts: RepoTarget & { revs?: string[] } = {}): string[] {
  const r = state.repo(opts);
  const out = execFileSync('git', ['log', ...(opts.revs ?? ['--all']), '-z', '--format=%H %P%n%an%n%ae%n%aI%n%B'], { cwd: dir, encoding: 'utf8' });
  const shas: string[] = [];
  for (const record of out.split('\0').filter((s) => s.trim())) {
    const [ids = '', name = '', email = '', date = '', ...message] = record.replace(/^\n/, '').split('\n');
    const [sha, ...parents] = ids.split(' ').filter(Boolean);
    if (!sha) continue;
    const login = NOREPLY.exec(email)?.[1];
    r.commits.set(sha, {
      sha,
      message: message.join('\n'),
      parents,
      author: { name, email, date, ...(login ? { login } : {}) },
      files: new Map(),
      treeSha: sha,
    });
    shas.push(sha);
  }
  return shas;
}
