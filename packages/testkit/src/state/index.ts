// The fake GitHub's in-memory state, one module per resource (the same split as packages/core/src/github).
//
// `FakeState` holds what every resource shares — the id sequence, the clock, the repositories — and
// exposes one object per resource. Each resource speaks the same verbs:
//   add(opts)          create a record (users and labels: return the existing one of that name)
//   set(opts)          create or replace (branches, collaborators)
//   get(key, target?)  one record, or undefined
//   list(filter?)      records, filtered by the resource's keys; `owner`/`repo` default to the main repo
// plus a few domain actions named after what GitHub does (runs.complete, jobs.expireLogs, commits.resolve).
// Handlers read and change the records in `RepoState`; tests seed and assert through these objects.
import { Artifacts } from './artifacts.js';
import { Branches, Commits, Contents } from './commits.js';
import { CheckRuns } from './checks.js';
import { Collaborators } from './collaborators.js';
import { Comments } from './comments.js';
import { Issues } from './issues.js';
import { Labels } from './labels.js';
import { Pulls } from './pulls.js';
import { Repos, type RepoState, type RepoTarget } from './repos.js';
import { ReviewComments, Reviews } from './reviews.js';
import { Jobs } from './jobs.js';
import { Reruns, Runs, Workflows } from './runs.js';
import { Statuses } from './statuses.js';
import { Users } from './users.js';

export class FakeState {
  readonly users = new Users();
  readonly repos = new Repos(this);
  readonly collaborators = new Collaborators(this);
  readonly commits = new Commits(this);
  readonly branches = new Branches(this);
  readonly contents = new Contents(this);
  readonly workflows = new Workflows(this);
  readonly runs = new Runs(this);
  readonly jobs = new Jobs(this);
  readonly reruns = new Reruns();
  readonly artifacts = new Artifacts(this);
  readonly issues = new Issues(this);
  readonly comments = new Comments(this);
  readonly labels = new Labels(this);
  readonly pulls = new Pulls(this);
  readonly reviews = new Reviews(this);
  readonly reviewComments = new ReviewComments(this);
  readonly statuses = new Statuses(this);
  readonly checkRuns = new CheckRuns(this);
  private seq = 1000;
  /** Overridable clock so tests can pin timestamps. */
  now: () => Date = () => new Date();

  constructor(
    readonly defaultOwner: string,
    readonly defaultRepo: string,
  ) {
    this.repos.add({ owner: defaultOwner, repo: defaultRepo });
  }

  nextId(): number {
    return ++this.seq;
  }

  iso(): string {
    return this.now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }

  /** The repository a target names (default: the fake's main repository); throws if it does not exist. */
  repo(t: RepoTarget = {}): RepoState {
    const r = this.repos.get(t);
    if (!r) throw new Error(`fake GitHub has no repository ${t.owner}/${t.repo}; call state.repos.add first`);
    return r;
  }
}

export type { ArtifactState } from './artifacts.js';
export { ancestry, resolveRef, sha1, type BranchState, type CommitState } from './commits.js';
export type { CheckRunState } from './checks.js';
export type { RepoRole } from './collaborators.js';
export type { CommentState, ReactionState } from './comments.js';
export type { IssueState } from './issues.js';
export type { LabelState } from './labels.js';
export type { PullFile, PullState } from './pulls.js';
export type { RepoState, RepoTarget } from './repos.js';
export type { ReviewCommentState, ReviewState } from './reviews.js';
export type { JobSeed, JobState, LogSource, StepState } from './jobs.js';
export type { AttemptState, Conclusion, RerunRecord, RunState, RunStatus, WorkflowState } from './runs.js';
export type { StatusState } from './statuses.js';
export type { UserRef } from './users.js';
