// Workflow-run artifacts: seeded per run, listed and downloaded (as zip archives) like GitHub's.
import type { FakeState } from './index.js';
import { recordsUnder, type RepoTarget } from './repos.js';

export interface ArtifactState {
  id: number;
  runId: number;
  name: string;
  files: Record<string, string>;
  expired: boolean;
  created_at: string;
}

export class Artifacts {
  // Their own id range, so seeding an artifact leaves every other resource's ids as they were.
  private nextId = 7_000_001;

  constructor(private readonly s: FakeState) {}

  /** Attaches an artifact (a zip of `files`) to a run, as `actions/upload-artifact` would. */
  add(opts: RepoTarget & { runId: number; name: string; files: Record<string, string>; expired?: boolean }): ArtifactState {
    const r = this.s.repo(opts);
    const run = r.runs.get(opts.runId);
    if (!run) throw new Error(`no run ${opts.runId}`);
    const artifact: ArtifactState = {
      id: this.nextId++,
      runId: run.id,
      name: opts.name,
      files: opts.files,
      expired: opts.expired ?? false,
      created_at: run.created_at,
    };
    r.artifacts.set(artifact.id, artifact);
    return artifact;
  }

  get(id: number, t?: RepoTarget): ArtifactState | undefined {
    return this.s.repo(t).artifacts.get(id);
  }

  list(opts: RepoTarget & { runId?: number } = {}): ArtifactState[] {
    return recordsUnder(this.s.repo(opts).artifacts, 'runId', opts.runId);
  }
}
