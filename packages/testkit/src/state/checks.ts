// Check runs.
import type { FakeState } from './index.js';
import type { RepoTarget } from './repos.js';

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

/** A check run as created before any of the request's fields are applied: queued, started now. */
export function newCheckRun(name: string, headSha: string, startedAt: string): Omit<CheckRunState, 'id'> {
  return {
    name,
    head_sha: headSha,
    status: 'queued',
    conclusion: null,
    started_at: startedAt,
    completed_at: null,
    details_url: null,
    external_id: null,
    output: { title: null, summary: null, text: null, annotations_count: 0 },
  };
}

export class CheckRuns {
  constructor(private readonly s: FakeState) {}

  /** Stores a check run; fields not given are those of a newly queued one. */
  add(opts: RepoTarget & { name: string; head_sha: string } & Partial<Omit<CheckRunState, 'id' | 'name' | 'head_sha'>>): CheckRunState {
    const { owner, repo, ...fields } = opts;
    const c: CheckRunState = { ...newCheckRun(opts.name, opts.head_sha, this.s.iso()), ...fields, id: this.s.nextId() };
    this.s.repo({ owner, repo }).checkRuns.set(c.id, c);
    return c;
  }

  get(id: number, t?: RepoTarget): CheckRunState | undefined {
    return this.s.repo(t).checkRuns.get(id);
  }

  list(t?: RepoTarget): CheckRunState[] {
    return [...this.s.repo(t).checkRuns.values()];
  }
}
