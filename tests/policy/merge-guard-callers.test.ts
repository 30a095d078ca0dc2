// Every documented caller of the merge guards listens to the events their guarantees depend on: a base
// change (`edited`), an approval (`pull_request_review`), the bypass label (`labeled`/`unlabeled`) and the
// merge queue (`merge_group`). A caller copied from the docs must not keep a stale pass.
import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { ROOT, read } from '../support/source-files.js';

type Triggers = Record<string, { types?: string[] } | null>;
// What `pull_request:` with no types listens to.
const DEFAULT_TYPES: Record<string, string[]> = { pull_request: ['opened', 'synchronize', 'reopened'] };

const docs = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** YAML examples in the docs that call a reusable workflow of ours, with their `on:` triggers. */
function callers(workflow: string): { where: string; on: Triggers }[] {
  const out: { where: string; on: Triggers }[] = [];
  for (const file of docs)
    for (const m of read(file).matchAll(/```yaml\n([\s\S]*?)```/g)) {
      const block = m[1] ?? '';
      if (!block.includes(`/.github/workflows/${workflow}@`)) continue;
      const doc = yaml.load(block) as { on?: Triggers | string[] | string } | null;
      const on = typeof doc?.on === 'string' ? [doc.on] : doc?.on;
      if (on) out.push({ where: `${file}: ${block.split('\n', 1)[0] ?? ''}`, on: Array.isArray(on) ? Object.fromEntries(on.map((e) => [e, null])) : on });
    }
  return out;
}

function missing(on: Triggers, wanted: Record<string, string[]>): string[] {
  return Object.entries(wanted).flatMap(([event, types]) => {
    if (!(event in on)) return [event];
    const listed = on[event]?.types ?? DEFAULT_TYPES[event] ?? types;
    return types.filter((t) => !listed.includes(t)).map((t) => `${event}.${t}`);
  });
}

describe('documented callers of the merge guards', () => {
  it('review-gate.yml runs on edited pull requests, on reviews and in the merge queue', () => {
    const found = callers('review-gate.yml');
    expect(found.length).toBeGreaterThanOrEqual(2);
    for (const c of found)
      expect([
        c.where,
        missing(c.on, { pull_request: ['opened', 'synchronize', 'reopened', 'edited'], pull_request_review: ['submitted', 'dismissed'], merge_group: [] }),
      ]).toEqual([c.where, []]);
  });

  it('secret-scan.yml re-runs when the bypass label changes, and in the merge queue', () => {
    const found = callers('secret-scan.yml');
    expect(found.length).toBeGreaterThanOrEqual(2);
    for (const c of found)
      expect([c.where, missing(c.on, { pull_request: ['opened', 'synchronize', 'reopened', 'labeled', 'unlabeled'], merge_group: [] })]).toEqual([c.where, []]);
  });
});
