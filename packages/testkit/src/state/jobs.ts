// GitHub Actions jobs: the jobs of each run attempt, their steps and logs.
import { must } from '../must.js';
import type { FakeState } from './index.js';
import type { RepoTarget } from './repos.js';
import type { Conclusion, RunStatus } from './runs.js';

/** A log body: literal text, or a lazy generator so huge logs never sit in memory. */
export type LogSource = string | (() => Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>);

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

export class Jobs {
  constructor(private readonly s: FakeState) {}

  /** Adds a job to a run attempt (default: the latest). Steps default to a single step mirroring the job. */
  add(opts: RepoTarget & JobSeed & { runId: number; attempt?: number }): JobState {
    const r = this.s.repo(opts);
    const run = r.runs.get(opts.runId);
    if (!run) throw new Error(`no run ${opts.runId}`);
    const attempt = must(
      run.attempts.find((a) => a.attempt === (opts.attempt ?? run.attempts.length)),
      `attempt ${String(opts.attempt ?? run.attempts.length)} of run ${opts.runId}`,
    );
    const conclusion = opts.conclusion ?? (attempt.status === 'completed' ? attempt.conclusion : null);
    const status = opts.status ?? (conclusion ? 'completed' : attempt.status);
    const job: JobState = {
      id: opts.id ?? this.s.nextId(),
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
      completed_at: status === 'completed' ? this.s.iso() : null,
      labels: opts.labels ?? ['ubuntu-latest'],
      logsExpired: opts.logsExpired ?? false,
    };
    if (opts.log !== undefined) job.log = opts.log;
    r.jobs.set(job.id, job);
    attempt.jobIds.push(job.id);
    return job;
  }

  get(jobId: number, t?: RepoTarget): JobState | undefined {
    return this.s.repo(t).jobs.get(jobId);
  }

  /** The jobs of a run's attempt (default: the latest). */
  list(opts: RepoTarget & { runId: number; attempt?: number }): JobState[] {
    const r = this.s.repo(opts);
    const run = r.runs.get(opts.runId);
    const a = run?.attempts.find((x) => x.attempt === (opts.attempt ?? run.attempts.length));
    return (a?.jobIds ?? []).map((id) => must(r.jobs.get(id), `job ${id}`));
  }

  /** Sets a job's log (text or a lazy chunk generator). */
  setLog(opts: RepoTarget & { jobId: number; log: LogSource }): void {
    this.must(opts).log = opts.log;
  }

  /** Marks a job's logs as past retention: the logs endpoint answers 410. */
  expireLogs(opts: RepoTarget & { jobId: number }): void {
    this.must(opts).logsExpired = true;
  }

  private must(opts: RepoTarget & { jobId: number }): JobState {
    const job = this.get(opts.jobId, opts);
    if (!job) throw new Error(`no job ${opts.jobId}`);
    return job;
  }
}
