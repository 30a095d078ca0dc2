// GitHub Actions: workflows, their runs (one record per attempt) and re-run requests.
import { must } from '../must.js';
import type { FakeState } from './index.js';
import type { JobSeed } from './jobs.js';
import type { RepoTarget } from './repos.js';

export type RunStatus = 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
export type Conclusion = 'success' | 'failure' | 'cancelled' | 'skipped' | 'timed_out' | 'neutral' | 'action_required' | 'stale';

export interface WorkflowState {
  id: number;
  name: string;
  path: string;
  state: 'active' | 'disabled_manually';
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

export interface RerunRecord {
  owner: string;
  repo: string;
  runId: number;
  attempt: number;
  kind: 'all' | 'failed' | 'job';
  jobId?: number;
}

export class Workflows {
  constructor(private readonly s: FakeState) {}

  add(opts: RepoTarget & { name: string; path?: string; id?: number }): WorkflowState {
    const w: WorkflowState = {
      id: opts.id ?? this.s.nextId(),
      name: opts.name,
      path: opts.path ?? `.github/workflows/${opts.name.toLowerCase().replace(/\W+/g, '-')}.yml`,
      state: 'active',
    };
    this.s.repo(opts).workflows.set(w.id, w);
    return w;
  }

  /** By id, name, path, or file name (`ci.yml`). */
  get(key: number | string, t?: RepoTarget): WorkflowState | undefined {
    const r = this.s.repo(t);
    if (typeof key === 'number') return r.workflows.get(key);
    return [...r.workflows.values()].find((w) => w.name === key || w.path === key || w.path.endsWith(`/${key}`));
  }

  list(t?: RepoTarget): WorkflowState[] {
    return [...this.s.repo(t).workflows.values()];
  }
}

export class Runs {
  constructor(private readonly s: FakeState) {}

  /**
   * Adds a workflow run (attempt 1) with its jobs. A missing workflow is created; head_sha defaults
   * to the head of `head_branch`; conclusion implies status "completed".
   */
  add(
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
      jobs?: JobSeed[];
    },
  ): RunState {
    const r = this.s.repo(opts);
    const wfKey = opts.workflow ?? opts.name ?? 'CI';
    const workflow = this.s.workflows.get(wfKey, opts) ?? this.s.workflows.add({ ...opts, name: typeof wfKey === 'string' ? wfKey : 'CI' });
    const headOf = (branch: string): string | undefined => r.branches.get(branch)?.sha;
    const branch = opts.head_branch === undefined ? r.default_branch : opts.head_branch;
    const head_sha = opts.head_sha ?? (branch ? headOf(branch) : undefined) ?? must(headOf(r.default_branch), `head of ${r.default_branch}`);
    const status = opts.status ?? (opts.conclusion ? 'completed' : 'queued');
    const created = opts.created_at ?? this.s.iso();
    const run: RunState = {
      id: opts.id ?? this.s.nextId(),
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
    for (const j of opts.jobs ?? []) this.s.jobs.add({ ...opts, runId: run.id, ...j });
    return run;
  }

  get(runId: number, t?: RepoTarget): RunState | undefined {
    return this.s.repo(t).runs.get(runId);
  }

  list(t?: RepoTarget): RunState[] {
    return [...this.s.repo(t).runs.values()];
  }

  /** Finishes an attempt (default latest) and its unfinished jobs: simulates "the re-run passed/failed". */
  complete(opts: RepoTarget & { runId: number; conclusion: Conclusion; attempt?: number; jobConclusions?: Record<string, Conclusion> }): void {
    const r = this.s.repo(opts);
    const run = r.runs.get(opts.runId);
    if (!run) throw new Error(`no run ${opts.runId}`);
    const a = run.attempts.find((x) => x.attempt === (opts.attempt ?? run.attempts.length));
    if (!a) throw new Error(`run ${opts.runId} has no attempt ${opts.attempt}`);
    a.status = 'completed';
    a.conclusion = opts.conclusion;
    a.updated_at = this.s.iso();
    for (const id of a.jobIds) {
      const j = must(r.jobs.get(id), `job ${id}`);
      const c = opts.jobConclusions?.[j.name] ?? (j.status === 'completed' ? j.conclusion : opts.conclusion);
      j.status = 'completed';
      j.conclusion = c;
      j.completed_at = this.s.iso();
      for (const s of j.steps) if (s.status !== 'completed') Object.assign(s, { status: 'completed', conclusion: c });
    }
  }
}

/** Every re-run request the fake accepted, in order (across repositories). */
export class Reruns {
  private readonly records: RerunRecord[] = [];

  add(record: RerunRecord): void {
    this.records.push(record);
  }

  list(): RerunRecord[] {
    return [...this.records];
  }
}
