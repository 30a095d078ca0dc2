// Action tests over a pull request: a throwaway checkout holding `main` and a `feature` branch one commit
// ahead, the pull request in the fake GitHub, and GitHub's real pull_request.opened payload pointing at both.
import { pullRequestEvent, type FakeGitHub } from '@closed-loop/testkit';
import { ScanRepo } from '../../packages/core/test/scan/repo.js';

export interface PullRequestSpec {
  /** Files of main's one commit (default: a README). */
  base?: Record<string, string>;
  /** Files the feature branch's one commit writes. */
  head: Record<string, string>;
  /** Subjects of the two commits (default: `base` and `feature`). */
  messages?: [base: string, head: string];
  title?: string;
  labels?: string[];
  user?: string;
}

export interface PullRequestCheckout {
  repo: ScanRepo;
  payload: ReturnType<typeof pullRequestEvent>;
  number: number;
  base: string;
  head: string;
}

const checkouts: ScanRepo[] = [];

/** A throwaway repository for a test that needs its own commits; removed by removeCheckouts like the pull requests'. */
export function checkout(): ScanRepo {
  const repo = new ScanRepo();
  checkouts.push(repo);
  return repo;
}

export function openPullRequest(fake: FakeGitHub, spec: PullRequestSpec): PullRequestCheckout {
  const repo = checkout();
  const [baseMessage, headMessage] = spec.messages ?? ['base', 'feature'];
  for (const [path, content] of Object.entries(spec.base ?? { 'README.md': '# widgets\n' })) repo.write(path, content);
  const base = repo.commit(baseMessage);
  repo.git('checkout', '-q', '-b', 'feature');
  for (const [path, content] of Object.entries(spec.head)) repo.write(path, content);
  const head = repo.commit(headMessage);
  const { pull } = fake.state.pulls.add({ base: 'main', head: 'feature', headSha: head, labels: spec.labels, user: spec.user, title: spec.title });
  const payload = pullRequestEvent({ number: pull.number, baseSha: base, baseRef: 'main', headSha: head, headRef: 'feature' });
  return { repo, payload, number: pull.number, base, head };
}

/** Removes every checkout the test file made; pass it as fakeGitHubForFile's `afterFile`. */
export function removeCheckouts(): void {
  for (const repo of checkouts.splice(0)) repo.remove();
}
