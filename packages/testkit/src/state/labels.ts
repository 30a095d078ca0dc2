// Repository labels (names are case-insensitive; a label named on an issue exists from then on).
import type { FakeState } from './index.js';
import type { RepoTarget } from './repos.js';

export interface LabelState {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export class Labels {
  constructor(private readonly s: FakeState) {}

  /** Creates the label, or returns the existing one of that name unchanged. */
  add(opts: RepoTarget & { name: string; color?: string; description?: string | null }): LabelState {
    const r = this.s.repo(opts);
    const key = opts.name.toLowerCase();
    let l = r.labels.get(key);
    if (!l) {
      l = { id: this.s.nextId(), name: opts.name, color: opts.color ?? 'ededed', description: opts.description ?? null };
      r.labels.set(key, l);
    }
    return l;
  }

  get(name: string, t?: RepoTarget): LabelState | undefined {
    return this.s.repo(t).labels.get(name.toLowerCase());
  }

  list(t?: RepoTarget): LabelState[] {
    return [...this.s.repo(t).labels.values()];
  }
}
