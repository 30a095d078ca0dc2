// In-memory GitHub: plain records the handlers render into spec-shaped JSON.
import { createHash } from 'node:crypto';
import { must } from './must.js';

export type Scope = 'actions' | 'contents' | 'issues' | 'pull_requests' | 'statuses' | 'checks';
export type Access = 'none' | 'read' | 'write';
export type RepoRole = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';
export type RunStatus = 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
export type Conclusion = 'success' | 'failure' | 'cancelled' | 'skipped' | 'timed_out' | 'neutral' | 'action_required' | 'stale';
/** A log body: literal text, or a lazy generator so huge logs never sit in memory. */
export type LogSource = string | (() => Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>);

export interface UserRef {
  login: string;
  id: number;
  type: 'Bot' | 'User';
}

export interface CommitState {
  sha: string;
  message: string;
  parents: string[];
  author: { name: string; email: string; date: string; login?: string };
  /** Full snapshot of the tree: path → file text. */
  files: Map<string, string>;
  treeSha: string;
  /**
   * Made through the API (createCommitOnBranch): GitHub signs such commits itself, with `web-flow` as
   * committer, and reports them verified. A pushed commit is never signed here.
   */
  signedByGitHub?: boolean;
}

export interface BranchState {
  name: string;
  sha: string;
  protected: boolean;
}

export interface WorkflowState {
  id: number;
  name: string;
  path: string;
  state: 'active' | 'disabled_manually';
}

export interface StepState {
  name: string;
  number: number;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: Conclusion | null;
}

export interface JobState {
  id: number;
  runId: number;
  attempt: number;
  name: string;
  status: RunStatus;
  conclusion: Conclusion | null;
  steps: StepState[];
  started_at: string;
  completed_at: string | null;
  labels: string[];
  log?: LogSource;
  logsExpired: boolean;
}

export interface AttemptState {
  attempt: number;
  status: RunStatus;
  conclusion: Conclusion | null;
  created_at: string;
  updated_at: string;
  run_started_at: string;
  jobIds: number[];
  triggeringActor: string;
}

export interface RunState {
  id: number;
  workflowId: number;
  name: string;
  run_number: number;
  head_sha: string;
  head_branch: string | null;
  event: string;
  path: string;
  actor: string;
  fork: boolean;
  headRepoFullName: string;
  pullNumbers: number[];
  created_at: string;
  attempts: AttemptState[];
}

export interface IssueState {
  number: number;
  id: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: 'completed' | 'reopened' | 'not_planned' | 'duplicate' | null;
  user: string;
  labels: string[];
  assignees: string[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  closed_by: string | null;
  locked: boolean;
  isPull: boolean;
}

export interface ReactionState {
  id: number;
  content: string;
  user: string;
  created_at: string;
}

export interface CommentState {
  id: number;
  issueNumber: number;
  body: string;
  user: string;
  created_at: string;
  updated_at: string;
  reactions: ReactionState[];
}

export interface LabelState {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface PullFile {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  additions: number;
  deletions: number;
  patch?: string;
}

export interface PullState {
  number: number;
  id: number;
  head: { ref: string; sha: string; repoFullName: string; fork: boolean };
  base: { ref: string; sha: string };
  draft: boolean;
  merged: boolean;
  merge_commit_sha: string | null;
  commits: string[];
  files: PullFile[];
}

export interface ReviewState {
  id: number;
  pullNumber: number;
  user: string;
  body: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'PENDING' | 'DISMISSED';
  commit_id: string;
  submitted_at: string;
}

export interface ReviewCommentState {
  id: number;
  pullNumber: number;
  reviewId: number | null;
  body: string;
  path: string;
  line: number | null;
  start_line: number | null;
  side: 'LEFT' | 'RIGHT';
  in_reply_to_id: number | null;
  user: string;
  commit_id: string;
  created_at: string;
  updated_at: string;
  reactions: ReactionState[];
}

export interface StatusState {
  id: number;
  sha: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  context: string;
  description: string | null;
  target_url: string | null;
  creator: string;
  created_at: string;
}

export interface CheckRunState {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  started_at: string | null;
  completed_at: string | null;
  details_url: string | null;
  external_id: string | null;
  output: {
    title: string | null;
    summary: string | null;
    text: string | null;
    annotations_count: number;
  };
}

export interface RepoState {
  id: number;
  owner: string;
  name: string;
  default_branch: string;
  private: boolean;
  fork: boolean;
  branches: Map<string, BranchState>;
  commits: Map<string, CommitState>;
  workflows: Map<number, WorkflowState>;
  runs: Map<number, RunState>;
  jobs: Map<number, JobState>;
  issues: Map<number, IssueState>;
  pulls: Map<number, PullState>;
  comments: Map<number, CommentState>;
  labels: Map<string, LabelState>;
  reviews: Map<number, ReviewState>;
  reviewComments: Map<number, ReviewCommentState>;
  statuses: StatusState[];
  checkRuns: Map<number, CheckRunState>;
  collaborators: Map<string, RepoRole>;
  nextNumber: number;
}

/** Where a seed call applies; defaults to the fake's main repository. */
export interface RepoTarget {
  owner?: string;
  repo?: string;
}

export interface RerunRecord {
  owner: string;
  repo: string;
  runId: number;
  attempt: number;
  kind: 'all' | 'failed' | 'job';
  jobId?: number;
}

export function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

export class State {
  readonly repos = new Map<string, RepoState>();
  readonly users = new Map<string, UserRef>();
  /** Every re-run request the fake accepted, in order. */
  readonly reruns: RerunRecord[] = [];
  private seq = 1000;
  /** Overridable clock so tests can pin timestamps. */
  now: () => Date = () => new Date();

  constructor(
    readonly defaultOwner: string,
    readonly defaultRepo: string,
  ) {
    this.addRepo({ owner: defaultOwner, repo: defaultRepo });
  }

  nextId(): number {
    return ++this.seq;
  }

  iso(): string {
    return this.now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }

  user(login: string, type?: 'Bot' | 'User'): UserRef {
    let u = this.users.get(login);
    if (!u) {
      u = {
        login,
        id: 5000 + this.users.size,
        type: type ?? (login.endsWith('[bot]') ? 'Bot' : 'User'),
      };
      this.users.set(login, u);
    }
    return u;
  }

  repoOf(t: RepoTarget = {}): RepoState {
    const r = this.find(t.owner ?? this.defaultOwner, t.repo ?? this.defaultRepo);
    if (!r) throw new Error(`fake GitHub has no repository ${t.owner}/${t.repo}; call state.addRepo first`);
    return r;
  }

  find(owner: string, repo: string): RepoState | undefined {
    return this.repos.get(`${owner}/${repo}`.toLowerCase());
  }

  // ---- seeding ----

  /** Creates a repository with a default branch holding one commit (README.md). */
  addRepo(opts: { owner: string; repo: string; defaultBranch?: string; private?: boolean; fork?: boolean; files?: Record<string, string> }): RepoState {
    const r: RepoState = {
      id: this.nextId(),
      owner: opts.owner,
      name: opts.repo,
      default_branch: opts.defaultBranch ?? 'main',
      private: opts.private ?? false,
      fork: opts.fork ?? false,
      branches: new Map(),
      commits: new Map(),
      workflows: new Map(),
      runs: new Map(),
      jobs: new Map(),
      issues: new Map(),
      pulls: new Map(),
      comments: new Map(),
      labels: new Map(),
      reviews: new Map(),
      reviewComments: new Map(),
      statuses: [],
      checkRuns: new Map(),
      collaborators: new Map([[opts.owner, 'admin']]),
      nextNumber: 1,
    };
    this.repos.set(`${opts.owner}/${opts.repo}`.toLowerCase(), r);
    this.user(opts.owner);
    const sha = this.addCommit({
      owner: opts.owner,
      repo: opts.repo,
      message: 'Initial commit',
      parents: [],
      files: opts.files ?? { 'README.md': `# ${opts.repo}\n` },
    });
    r.branches.set(r.default_branch, {
      name: r.default_branch,
      sha,
      protected: false,
    });
    return r;
  }

  /**
   * Adds a commit. With `branch`, the parent defaults to the branch head and the branch moves to it.
   * `files` are changes on top of the parent tree; `null` deletes a path. Returns the new sha.
   */
  addCommit(
    opts: RepoTarget & {
      branch?: string;
      message?: string;
      parents?: string[];
      files?: Record<string, string | null>;
      author?: { name?: string; email?: string; login?: string };
      signedByGitHub?: boolean;
    },
  ): string {
    const r = this.repoOf(opts);
    const branch = opts.branch ? r.branches.get(opts.branch) : undefined;
    const parents = opts.parents ?? (branch ? [branch.sha] : opts.branch ? [] : [this.headOf(r, r.default_branch)].filter((x): x is string => !!x));
    const base = parents[0] ? r.commits.get(parents[0])?.files : undefined;
    const files = new Map(base ?? []);
    for (const [p, c] of Object.entries(opts.files ?? {})) {
      if (c === null) files.delete(p);
      else files.set(p, c);
    }
    const message = opts.message ?? 'Update files';
    const treeSha = sha1(`tree ${[...files].map(([p, c]) => `${p}\0${sha1(c)}`).join('\n')}`);
    const sha = sha1(`commit ${this.nextId()} ${treeSha} ${parents.join(',')} ${message}`);
    const login = opts.author?.login ?? r.owner;
    r.commits.set(sha, {
      sha,
      message,
      parents,
      author: {
        name: opts.author?.name ?? login,
        email: opts.author?.email ?? `${login}@users.noreply.github.com`,
        date: this.iso(),
        login,
      },
      files,
      treeSha,
      ...(opts.signedByGitHub ? { signedByGitHub: true } : {}),
    });
    if (opts.branch) this.setBranch({ ...opts, branch: opts.branch, sha });
    return sha;
  }

  /** Creates or moves a branch. */
  setBranch(opts: RepoTarget & { branch: string; sha?: string; protected?: boolean }): BranchState {
    const r = this.repoOf(opts);
    const prev = r.branches.get(opts.branch);
    const sha = opts.sha ?? prev?.sha ?? this.headOf(r, r.default_branch);
    if (!sha) throw new Error(`no sha for branch ${opts.branch}`);
    const b: BranchState = {
      name: opts.branch,
      sha,
      protected: opts.protected ?? prev?.protected ?? false,
    };
    r.branches.set(opts.branch, b);
    return b;
  }

  headOf(r: RepoState, branch: string): string | undefined {
    return r.branches.get(branch)?.sha;
  }

  /** Resolves a branch name, `heads/x`, `refs/heads/x`, tag-less sha or sha prefix to a commit. */
  resolveRef(r: RepoState, ref: string | undefined): CommitState | undefined {
    const name = (ref ?? r.default_branch).replace(/^refs\//, '').replace(/^heads\//, '');
    const b = r.branches.get(name);
    if (b) return r.commits.get(b.sha);
    if (/^[0-9a-f]{7,40}$/.test(name)) {
      for (const c of r.commits.values()) if (c.sha.startsWith(name)) return c;
    }
    return undefined;
  }

  setCollaborator(opts: RepoTarget & { username: string; role: RepoRole }): void {
    this.repoOf(opts).collaborators.set(opts.username, opts.role);
    this.user(opts.username);
  }

  addWorkflow(opts: RepoTarget & { name: string; path?: string; id?: number }): WorkflowState {
    const r = this.repoOf(opts);
    const w: WorkflowState = {
      id: opts.id ?? this.nextId(),
      name: opts.name,
      path: opts.path ?? `.github/workflows/${opts.name.toLowerCase().replace(/\W+/g, '-')}.yml`,
      state: 'active',
    };
    r.workflows.set(w.id, w);
    return w;
  }

  /**
   * Adds a workflow run (attempt 1) with its jobs. A missing workflow is created; head_sha defaults
   * to the head of `head_branch`; conclusion implies status "completed".
   */
  addRun(
    opts: RepoTarget & {
      id?: number;
      workflow?: string | number;
      name?: string;
      head_sha?: string;
      head_branch?: string | null;
      event?: string;
      status?: RunStatus;
      conclusion?: Conclusion | null;
      actor?: string;
      fork?: boolean;
      headRepoFullName?: string;
      pullNumbers?: number[];
      created_at?: string;
      jobs?: Array<JobSeed>;
    },
  ): RunState {
    const r = this.repoOf(opts);
    const wfKey = opts.workflow ?? opts.name ?? 'CI';
    const wf =
      typeof wfKey === 'number'
        ? r.workflows.get(wfKey)
        : [...r.workflows.values()].find((w) => w.name === wfKey || w.path === wfKey || w.path.endsWith(`/${wfKey}`));
    const workflow =
      wf ??
      this.addWorkflow({
        ...opts,
        name: typeof wfKey === 'string' ? wfKey : 'CI',
      });
    const branch = opts.head_branch === undefined ? r.default_branch : opts.head_branch;
    const head_sha = opts.head_sha ?? (branch ? this.headOf(r, branch) : undefined) ?? must(this.headOf(r, r.default_branch), `head of ${r.default_branch}`);
    const status = opts.status ?? (opts.conclusion ? 'completed' : 'queued');
    const created = opts.created_at ?? this.iso();
    const run: RunState = {
      id: opts.id ?? this.nextId(),
      workflowId: workflow.id,
      name: workflow.name,
      run_number: [...r.runs.values()].filter((x) => x.workflowId === workflow.id).length + 1,
      head_sha,
      head_branch: branch,
      event: opts.event ?? 'push',
      path: workflow.path,
      actor: opts.actor ?? r.owner,
      fork: opts.fork ?? false,
      headRepoFullName: opts.headRepoFullName ?? (opts.fork ? `contributor/${r.name}` : `${r.owner}/${r.name}`),
      pullNumbers: opts.pullNumbers ?? [],
      created_at: created,
      attempts: [
        {
          attempt: 1,
          status,
          conclusion: status === 'completed' ? (opts.conclusion ?? 'success') : null,
          created_at: created,
          updated_at: created,
          run_started_at: created,
          jobIds: [],
          triggeringActor: opts.actor ?? r.owner,
        },
      ],
    };
    r.runs.set(run.id, run);
    for (const j of opts.jobs ?? []) this.addJob({ ...opts, runId: run.id, ...j });
    return run;
  }

  /** Adds a job to a run attempt (default: the latest). Steps default to a single step mirroring the job. */
  addJob(opts: RepoTarget & JobSeed & { runId: number; attempt?: number }): JobState {
    const r = this.repoOf(opts);
    const run = r.runs.get(opts.runId);
    if (!run) throw new Error(`no run ${opts.runId}`);
    const attempt = must(
      run.attempts.find((a) => a.attempt === (opts.attempt ?? run.attempts.length)),
      `attempt ${String(opts.attempt ?? run.attempts.length)} of run ${opts.runId}`,
    );
    const conclusion = opts.conclusion ?? (attempt.status === 'completed' ? attempt.conclusion : null);
    const status = opts.status ?? (conclusion ? 'completed' : attempt.status);
    const job: JobState = {
      id: opts.id ?? this.nextId(),
      runId: run.id,
      attempt: attempt.attempt,
      name: opts.name ?? 'build',
      status,
      conclusion,
      steps: (opts.steps ?? [{ name: 'Run tests', conclusion }]).map((s, i) => ({
        name: s.name,
        number: i + 1,
        status: s.conclusion ? 'completed' : status === 'completed' ? 'completed' : 'queued',
        conclusion: s.conclusion ?? (status === 'completed' ? conclusion : null),
      })),
      started_at: attempt.run_started_at,
      completed_at: status === 'completed' ? this.iso() : null,
      labels: opts.labels ?? ['ubuntu-latest'],
      logsExpired: opts.logsExpired ?? false,
    };
    if (opts.log !== undefined) job.log = opts.log;
    r.jobs.set(job.id, job);
    attempt.jobIds.push(job.id);
    return job;
  }

  /** Sets a job's log (text or a lazy chunk generator). */
  setJobLog(opts: RepoTarget & { jobId: number; log: LogSource }): void {
    const job = this.repoOf(opts).jobs.get(opts.jobId);
    if (!job) throw new Error(`no job ${opts.jobId}`);
    job.log = opts.log;
  }

  /** Marks a job's logs as past retention: the logs endpoint answers 410. */
  expireJobLogs(opts: RepoTarget & { jobId: number }): void {
    const job = this.repoOf(opts).jobs.get(opts.jobId);
    if (!job) throw new Error(`no job ${opts.jobId}`);
    job.logsExpired = true;
  }

  /** Finishes an attempt (default latest) and its unfinished jobs: simulates "the re-run passed/failed". */
  completeAttempt(
    opts: RepoTarget & {
      runId: number;
      conclusion: Conclusion;
      attempt?: number;
      jobConclusions?: Record<string, Conclusion>;
    },
  ): void {
    const r = this.repoOf(opts);
    const run = r.runs.get(opts.runId);
    if (!run) throw new Error(`no run ${opts.runId}`);
    const a = run.attempts.find((x) => x.attempt === (opts.attempt ?? run.attempts.length));
    if (!a) throw new Error(`run ${opts.runId} has no attempt ${opts.attempt}`);
    a.status = 'completed';
    a.conclusion = opts.conclusion;
    a.updated_at = this.iso();
    for (const id of a.jobIds) {
      const j = must(r.jobs.get(id), `job ${id}`);
      const c = opts.jobConclusions?.[j.name] ?? (j.status === 'completed' ? j.conclusion : opts.conclusion);
      j.status = 'completed';
      j.conclusion = c;
      j.completed_at = this.iso();
      for (const s of j.steps) if (s.status !== 'completed') Object.assign(s, { status: 'completed', conclusion: c });
    }
  }

  /** Adds an issue (shares the number sequence with pull requests). */
  addIssue(
    opts: RepoTarget & {
      title: string;
      body?: string | null;
      user?: string;
      labels?: string[];
      assignees?: string[];
      state?: 'open' | 'closed';
      created_at?: string;
      number?: number;
    },
  ): IssueState {
    const r = this.repoOf(opts);
    const now = opts.created_at ?? this.iso();
    const number = opts.number ?? r.nextNumber;
    r.nextNumber = Math.max(r.nextNumber, number + 1);
    for (const l of opts.labels ?? []) this.ensureLabel(r, l);
    const issue: IssueState = {
      number,
      id: this.nextId(),
      title: opts.title,
      body: opts.body ?? null,
      state: opts.state ?? 'open',
      state_reason: opts.state === 'closed' ? 'completed' : null,
      user: this.user(opts.user ?? 'octocat').login,
      labels: opts.labels ?? [],
      assignees: opts.assignees ?? [],
      created_at: now,
      updated_at: now,
      closed_at: opts.state === 'closed' ? now : null,
      closed_by: opts.state === 'closed' ? (opts.user ?? 'octocat') : null,
      locked: false,
      isPull: false,
    };
    r.issues.set(number, issue);
    return issue;
  }

  /**
   * Adds a pull request. `commits` default to one new commit on the head branch (created if missing);
   * a fork head lives in `headRepoFullName` (default `contributor/<repo>`).
   */
  addPull(
    opts: RepoTarget & {
      title?: string;
      body?: string | null;
      user?: string;
      head?: string;
      base?: string;
      headSha?: string;
      fork?: boolean;
      headRepoFullName?: string;
      draft?: boolean;
      state?: 'open' | 'closed';
      merged?: boolean;
      labels?: string[];
      commits?: string[];
      files?: PullFile[];
      number?: number;
    },
  ): { issue: IssueState; pull: PullState } {
    const r = this.repoOf(opts);
    const base = opts.base ?? r.default_branch;
    const head = opts.head ?? `feature-${r.nextNumber}`;
    let commits = opts.commits;
    if (!commits) {
      if (!r.branches.has(head)) this.setBranch({ ...opts, branch: head, sha: this.headOf(r, base) });
      commits = opts.headSha
        ? [opts.headSha]
        : [
            this.addCommit({
              ...opts,
              branch: head,
              message: `Change for ${head}`,
              files: { [`src/${head}.txt`]: `${head}\n` },
            }),
          ];
    }
    const headSha = opts.headSha ?? commits[commits.length - 1] ?? must(this.headOf(r, head), `head of ${head}`);
    const issue = this.addIssue({
      ...opts,
      title: opts.title ?? `Pull request ${head}`,
      state: opts.state ?? (opts.merged ? 'closed' : 'open'),
    });
    issue.isPull = true;
    const pull: PullState = {
      number: issue.number,
      id: this.nextId(),
      head: {
        ref: head,
        sha: headSha,
        repoFullName: opts.headRepoFullName ?? (opts.fork ? `contributor/${r.name}` : `${r.owner}/${r.name}`),
        fork: opts.fork ?? false,
      },
      base: { ref: base, sha: must(this.headOf(r, base), `head of base ${base}`) },
      draft: opts.draft ?? false,
      merged: opts.merged ?? false,
      merge_commit_sha: sha1(`merge ${issue.number} ${headSha}`),
      commits,
      files: opts.files ?? [
        {
          filename: `src/${head}.txt`,
          status: 'added',
          additions: 1,
          deletions: 0,
          patch: `@@ -0,0 +1 @@\n+${head}`,
        },
      ],
    };
    r.pulls.set(issue.number, pull);
    return { issue, pull };
  }

  /** A submitted review by `user` on `commitId` (default: the PR's head), as GitHub lists it. */
  addReview(opts: RepoTarget & { pullNumber: number; user: string; state: ReviewState['state']; commitId?: string; body?: string }): ReviewState {
    const r = this.repoOf(opts);
    const pull = r.pulls.get(opts.pullNumber);
    if (!pull) throw new Error(`fake state: no pull request #${opts.pullNumber}`);
    this.user(opts.user);
    const review: ReviewState = {
      id: this.nextId(),
      pullNumber: opts.pullNumber,
      user: opts.user,
      body: opts.body ?? '',
      state: opts.state,
      commit_id: opts.commitId ?? pull.head.sha,
      submitted_at: this.iso(),
    };
    r.reviews.set(review.id, review);
    return review;
  }

  addComment(opts: RepoTarget & { issueNumber: number; body: string; user?: string }): CommentState {
    const r = this.repoOf(opts);
    const now = this.iso();
    const c: CommentState = {
      id: this.nextId(),
      issueNumber: opts.issueNumber,
      body: opts.body,
      user: this.user(opts.user ?? 'octocat').login,
      created_at: now,
      updated_at: now,
      reactions: [],
    };
    r.comments.set(c.id, c);
    return c;
  }

  /** Adds a review comment on a pull request's diff. */
  addReviewComment(
    opts: RepoTarget & {
      pullNumber: number;
      body: string;
      path: string;
      line?: number;
      user?: string;
      inReplyTo?: number;
      reviewId?: number;
    },
  ): ReviewCommentState {
    const r = this.repoOf(opts);
    const pull = r.pulls.get(opts.pullNumber);
    if (!pull) throw new Error(`no pull ${opts.pullNumber}`);
    const now = this.iso();
    const c: ReviewCommentState = {
      id: this.nextId(),
      pullNumber: opts.pullNumber,
      reviewId: opts.reviewId ?? null,
      body: opts.body,
      path: opts.path,
      line: opts.line ?? 1,
      start_line: null,
      side: 'RIGHT',
      in_reply_to_id: opts.inReplyTo ?? null,
      user: this.user(opts.user ?? 'octocat').login,
      commit_id: pull.head.sha,
      created_at: now,
      updated_at: now,
      reactions: [],
    };
    r.reviewComments.set(c.id, c);
    return c;
  }

  ensureLabel(r: RepoState, name: string, color = 'ededed', description: string | null = null): LabelState {
    const key = name.toLowerCase();
    let l = r.labels.get(key);
    if (!l) {
      l = { id: this.nextId(), name, color, description };
      r.labels.set(key, l);
    }
    return l;
  }

  // ---- reading (for assertions) ----

  issues(owner?: string, repo?: string): IssueState[] {
    return [...this.repoOf({ owner, repo }).issues.values()].filter((i) => !i.isPull);
  }
  pulls(owner?: string, repo?: string): PullState[] {
    return [...this.repoOf({ owner, repo }).pulls.values()];
  }
  comments(owner?: string, repo?: string, issueNumber?: number): CommentState[] {
    return [...this.repoOf({ owner, repo }).comments.values()].filter((c) => issueNumber === undefined || c.issueNumber === issueNumber);
  }
  labels(owner?: string, repo?: string): LabelState[] {
    return [...this.repoOf({ owner, repo }).labels.values()];
  }
  runs(owner?: string, repo?: string): RunState[] {
    return [...this.repoOf({ owner, repo }).runs.values()];
  }
  run(runId: number, owner?: string, repo?: string): RunState | undefined {
    return this.repoOf({ owner, repo }).runs.get(runId);
  }
  jobs(runId: number, attempt?: number, owner?: string, repo?: string): JobState[] {
    const r = this.repoOf({ owner, repo });
    const run = r.runs.get(runId);
    const a = run?.attempts.find((x) => x.attempt === (attempt ?? run.attempts.length));
    return (a?.jobIds ?? []).map((id) => must(r.jobs.get(id), `job ${id}`));
  }
  statuses(owner?: string, repo?: string): StatusState[] {
    return [...this.repoOf({ owner, repo }).statuses];
  }
  checkRuns(owner?: string, repo?: string): CheckRunState[] {
    return [...this.repoOf({ owner, repo }).checkRuns.values()];
  }
  reviews(owner?: string, repo?: string, pullNumber?: number): ReviewState[] {
    return [...this.repoOf({ owner, repo }).reviews.values()].filter((x) => pullNumber === undefined || x.pullNumber === pullNumber);
  }
  reviewComments(owner?: string, repo?: string, pullNumber?: number): ReviewCommentState[] {
    return [...this.repoOf({ owner, repo }).reviewComments.values()].filter((x) => pullNumber === undefined || x.pullNumber === pullNumber);
  }
  branch(name: string, owner?: string, repo?: string): BranchState | undefined {
    return this.repoOf({ owner, repo }).branches.get(name);
  }
  /** File text at a ref (branch or sha); undefined if absent. */
  file(path: string, ref?: string, owner?: string, repo?: string): string | undefined {
    const r = this.repoOf({ owner, repo });
    return this.resolveRef(r, ref)?.files.get(path);
  }
  commit(sha: string, owner?: string, repo?: string): CommitState | undefined {
    return this.repoOf({ owner, repo }).commits.get(sha);
  }
}

export interface JobSeed {
  id?: number;
  name?: string;
  status?: RunStatus;
  conclusion?: Conclusion | null;
  steps?: Array<{ name: string; conclusion?: Conclusion | null }>;
  labels?: string[];
  log?: LogSource;
  logsExpired?: boolean;
}
