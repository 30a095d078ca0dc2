// Webhook payloads for action tests: verbatim GitHub examples (fixtures/events) plus derived variants.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testkitFile } from './paths.js';

const dir = (): string => testkitFile('fixtures', 'events');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- webhook payloads are deeply dynamic
type Obj = Record<string, unknown>;

/** A nested payload object, or a clear error naming the missing path. */
function obj(value: unknown, what: string): Obj {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`webhook fixture: ${what} is not an object`);
  return value as Obj;
}

/** Fixture names, e.g. "workflow_run.completed", "push". */
export function eventFixtures(): string[] {
  return readdirSync(dir())
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** A fresh copy of a committed fixture ("workflow_run.completed", "pull_request.opened", "push", …). */
export function loadEvent(name: string): Json {
  return JSON.parse(readFileSync(join(dir(), `${name}.json`), 'utf8')) as Json;
}

/** The @octokit/openapi-webhooks schema name for a fixture, e.g. webhook-workflow-run-completed. */
export function webhookSchemaName(name: string): string {
  return `webhook-${name.replace(/\./g, '-').replace(/_/g, '-')}`;
}

function forkOf(repository: Json, owner = 'contributor'): Json {
  const fork = structuredClone(repository);
  const name = String(repository.name);
  const repoOwner = obj(repository.owner, 'repository.owner');
  fork.id = Number(repository.id) + 1_000_000;
  fork.node_id = `${String(repository.node_id)}F`;
  fork.full_name = `${owner}/${name}`;
  fork.fork = true;
  fork.owner = {
    ...repoOwner,
    login: owner,
    id: Number(repoOwner.id) + 1_000_000,
    type: 'User',
  };
  for (const [k, v] of Object.entries(fork)) {
    if (typeof v === 'string' && k.endsWith('url')) fork[k] = v.replace(String(repository.full_name), `${owner}/${name}`);
  }
  return fork;
}

export interface WorkflowRunEventOptions {
  conclusion?: 'success' | 'failure' | 'cancelled' | 'timed_out' | 'neutral' | 'skipped' | 'action_required' | 'stale';
  /** Head repository is a fork (pull_requests is then empty, as GitHub reports it). */
  fork?: boolean;
  headSha?: string;
  headBranch?: string;
  runId?: number;
  runAttempt?: number;
  workflowName?: string;
  event?: string;
  /** Full name of the repository, e.g. "acme/widgets". */
  repository?: string;
}

function retarget(payload: Json, fullName: string | undefined): void {
  if (!fullName) return;
  const [owner, name] = fullName.split('/') as [string, string];
  const from = String(obj(payload.repository, 'repository').full_name);
  const rewrite = (node: unknown): unknown => {
    if (typeof node === 'string') return node.split(from).join(fullName);
    if (Array.isArray(node)) return node.map(rewrite);
    if (node && typeof node === 'object') {
      const out: Obj = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, rewrite(v)]));
      if (out.full_name === fullName) {
        out.name = name;
        if (out.owner && typeof out.owner === 'object') (out.owner as Obj).login = owner;
      }
      return out;
    }
    return node;
  };
  Object.assign(payload, rewrite(payload));
}

/** workflow_run.completed derived from the real example. */
export function workflowRunEvent(opts: WorkflowRunEventOptions = {}): Json {
  const e = loadEvent('workflow_run.completed');
  retarget(e, opts.repository);
  const run = e.workflow_run as Json;
  run.conclusion = opts.conclusion ?? 'failure';
  run.status = 'completed';
  if (opts.headSha) {
    run.head_sha = opts.headSha;
    if (run.head_commit) obj(run.head_commit, 'workflow_run.head_commit').id = opts.headSha;
  }
  if (opts.headBranch) run.head_branch = opts.headBranch;
  if (opts.runId !== undefined) {
    const old = String(run.id);
    run.id = opts.runId;
    for (const k of ['url', 'html_url', 'jobs_url', 'logs_url', 'cancel_url', 'rerun_url', 'artifacts_url']) {
      const v: unknown = run[k];
      if (typeof v === 'string') run[k] = v.replace(old, String(opts.runId));
    }
  }
  if (opts.runAttempt !== undefined) run.run_attempt = opts.runAttempt;
  if (opts.workflowName) run.name = obj(e.workflow, 'workflow').name = opts.workflowName;
  if (opts.event) run.event = opts.event;
  if (opts.fork) {
    run.head_repository = forkOf(run.repository as Json);
    run.pull_requests = [];
  }
  return e;
}

export interface PullRequestEventOptions {
  action?: 'opened' | 'synchronize';
  number?: number;
  headSha?: string;
  headRef?: string;
  baseSha?: string;
  baseRef?: string;
  fork?: boolean;
  draft?: boolean;
  repository?: string;
}

export function pullRequestEvent(opts: PullRequestEventOptions = {}): Json {
  const e = loadEvent(`pull_request.${opts.action ?? 'opened'}`);
  retarget(e, opts.repository);
  const pr = e.pull_request as Json;
  const head = obj(pr.head, 'pull_request.head');
  if (opts.number !== undefined) e.number = pr.number = opts.number;
  if (opts.headSha) {
    head.sha = opts.headSha;
    if (e.action === 'synchronize') e.after = opts.headSha;
  }
  if (opts.headRef) {
    head.ref = opts.headRef;
    head.label = `${String(head.label).split(':')[0]}:${opts.headRef}`;
  }
  const base = obj(pr.base, 'pull_request.base');
  if (opts.baseSha) base.sha = opts.baseSha;
  if (opts.baseRef) base.ref = opts.baseRef;
  if (opts.draft !== undefined) pr.draft = opts.draft;
  if (opts.fork) {
    const forkRepo = forkOf(obj(base.repo, 'pull_request.base.repo'));
    head.repo = forkRepo;
    head.label = `contributor:${String(head.ref)}`;
    head.user = forkRepo.owner;
  }
  return e;
}

export interface IssueCommentEventOptions {
  body?: string;
  /** Whether the commented issue is a pull request (default true: the common closed-loop trigger). */
  onPullRequest?: boolean;
  issueNumber?: number;
  login?: string;
  repository?: string;
}

export function issueCommentEvent(opts: IssueCommentEventOptions = {}): Json {
  const e = loadEvent('issue_comment.created');
  retarget(e, opts.repository);
  const issue = e.issue as Json;
  if (opts.issueNumber !== undefined) issue.number = opts.issueNumber;
  const comment = obj(e.comment, 'comment');
  if (opts.body !== undefined) comment.body = opts.body;
  if (opts.login) obj(comment.user, 'comment.user').login = obj(e.sender, 'sender').login = opts.login;
  if (opts.onPullRequest ?? true) {
    const repository = obj(e.repository, 'repository');
    const html = `${String(repository.html_url)}/pull/${String(issue.number)}`;
    issue.pull_request = {
      url: `${String(repository.url)}/pulls/${String(issue.number)}`,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: null,
    };
  } else delete issue.pull_request;
  return e;
}

export function reviewCommentEvent(
  opts: {
    body?: string;
    path?: string;
    line?: number;
    repository?: string;
  } = {},
): Json {
  const e = loadEvent('pull_request_review_comment.created');
  retarget(e, opts.repository);
  const comment = obj(e.comment, 'comment');
  if (opts.body !== undefined) comment.body = opts.body;
  if (opts.path !== undefined) comment.path = opts.path;
  if (opts.line !== undefined) comment.line = opts.line;
  return e;
}

export function pushEvent(
  opts: {
    ref?: string;
    before?: string;
    after?: string;
    repository?: string;
  } = {},
): Json {
  const e = loadEvent('push');
  retarget(e, opts.repository);
  if (opts.ref) e.ref = opts.ref;
  if (opts.before) e.before = opts.before;
  if (opts.after) {
    e.after = opts.after;
    if (e.head_commit) obj(e.head_commit, 'head_commit').id = opts.after;
  }
  return e;
}

export function mergeGroupEvent(opts: { headSha?: string; baseRef?: string; repository?: string } = {}): Json {
  const e = loadEvent('merge_group.checks_requested');
  retarget(e, opts.repository);
  const group = obj(e.merge_group, 'merge_group');
  if (opts.headSha) group.head_sha = opts.headSha;
  if (opts.baseRef) group.base_ref = opts.baseRef;
  return e;
}

export interface PullRequestReviewEventOptions {
  state?: 'approved' | 'changes_requested' | 'commented';
  reviewer?: string;
  /** The PR's author. */
  author?: string;
  number?: number;
  baseSha?: string;
  baseRef?: string;
  headSha?: string;
  headRef?: string;
  repository?: string;
}

/** A submitted review (approved by default) on the PR head, as `pull_request_review` delivers it. */
export function pullRequestReviewEvent(opts: PullRequestReviewEventOptions = {}): Json {
  const e = loadEvent('pull_request_review.submitted');
  retarget(e, opts.repository);
  const pr = e.pull_request as Json;
  const review = obj(e.review, 'review');
  const head = obj(pr.head, 'pull_request.head');
  const base = obj(pr.base, 'pull_request.base');
  review.state = opts.state ?? 'approved';
  if (opts.reviewer) obj(review.user, 'review.user').login = obj(e.sender, 'sender').login = opts.reviewer;
  if (opts.author) obj(pr.user, 'pull_request.user').login = opts.author;
  if (opts.number !== undefined) pr.number = opts.number;
  if (opts.baseSha) base.sha = opts.baseSha;
  if (opts.baseRef) base.ref = opts.baseRef;
  if (opts.headSha) head.sha = review.commit_id = opts.headSha;
  if (opts.headRef) head.ref = opts.headRef;
  return e;
}
