import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { ownReference, pinnedFiles, repositorySlug } from '../../scripts/release.mjs';
import { ROOT, read } from '../support/source-files.js';

type Obj = Record<string, unknown>;
const slug = repositorySlug();
const files = pinnedFiles();

interface Reference {
  file: string;
  target: string;
  ref: string;
}

function references(): Reference[] {
  return files.flatMap((file) => [...read(file).matchAll(ownReference(slug))].map((m) => ({ file, target: m[2] ?? '', ref: m[3] ?? '' })));
}

function inputsAt(actionYml: string): Record<string, { required?: boolean; default?: unknown }> {
  return ((yaml.load(actionYml) as Obj).inputs ?? {}) as Record<string, { required?: boolean; default?: unknown }>;
}

/** Every step or job in a file that uses one of our actions, with the keys it passes. */
function actionUses(file: string): { where: string; action: string; withKeys: string[] }[] {
  const doc = yaml.load(read(file)) as Obj;
  const steps: { where: string; step: Obj }[] = [];
  const jobs = (doc.jobs ?? {}) as Record<string, Obj>;
  for (const [id, job] of Object.entries(jobs))
    for (const [i, step] of ((job.steps ?? []) as Obj[]).entries()) steps.push({ where: `${file} job ${id} step ${i + 1}`, step });
  const runs = (doc.runs ?? {}) as Obj;
  for (const [i, step] of ((runs.steps ?? []) as Obj[]).entries()) steps.push({ where: `${file} step ${i + 1}`, step });
  return steps.flatMap(({ where, step }) => {
    const uses = typeof step.uses === 'string' ? step.uses : '';
    const m = new RegExp(`^(?:${slug}/|\\./)actions/([\\w-]+)(?:@|$)`).exec(uses);
    return m?.[1] ? [{ where, action: m[1], withKeys: Object.keys(step.with ?? {}) }] : [];
  });
}

describe('references to our own actions', () => {
  it("reusable workflows and composite actions never use ./actions (it would resolve in the caller's repository)", () => {
    const offenders = files.filter((file) => {
      const doc = yaml.load(read(file)) as Obj;
      const on = (doc.on ?? (doc as Record<string, unknown>)['true']) as Obj | string | undefined;
      const reusable = typeof on === 'object' && on !== null && 'workflow_call' in on;
      const composite = ((doc.runs ?? {}) as Obj).using === 'composite';
      return (reusable || composite) && /uses:\s*\.\/actions\//.test(read(file));
    });
    expect(offenders).toEqual([]);
  });

  it('are all pinned to one full commit SHA (no branch, tag or mixed releases)', () => {
    const refs = references();
    const bad = refs.filter((r) => !/^[0-9a-f]{40}$/.test(r.ref)).map((r) => `${r.file}: ${r.target}@${r.ref}`);
    expect(bad).toEqual([]);
    expect(new Set(refs.map((r) => r.ref)).size).toBeLessThanOrEqual(1);
  });

  it('point at a commit whose actions take the inputs these files pass (no mismatched release)', () => {
    const refs = references();
    const sha = refs[0]?.ref;
    if (!sha) return;
    const mismatches: string[] = [];
    for (const action of new Set(refs.filter((r) => r.target.startsWith('actions/')).map((r) => r.target))) {
      let pinned: string;
      try {
        pinned = execFileSync('git', ['show', `${sha}:${action}/action.yml`], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      } catch {
        mismatches.push(`${action}/action.yml does not exist at ${sha}: run \`npm run release:pin\` after committing`);
        continue;
      }
      const then = Object.keys(inputsAt(pinned)).sort();
      const now = Object.keys(inputsAt(read(`${action}/action.yml`))).sort();
      if (JSON.stringify(then) !== JSON.stringify(now))
        mismatches.push(`${action}: inputs at ${sha.slice(0, 7)} are [${then.join(', ')}], now [${now.join(', ')}]`);
    }
    expect(mismatches).toEqual([]);
  });

  it('pass only inputs the action declares, and every required one', () => {
    const problems = files.flatMap((file) =>
      actionUses(file).flatMap(({ where, action, withKeys }) => {
        const path = `actions/${action}/action.yml`;
        if (!existsSync(join(ROOT, path))) return [`${where}: actions/${action} does not exist`];
        const declared = inputsAt(read(path));
        const unknown = withKeys.filter((k) => !(k in declared)).map((k) => `${where}: ${action} has no input "${k}"`);
        const missing = Object.entries(declared)
          .filter(([k, spec]) => spec.required === true && spec.default === undefined && !withKeys.includes(k))
          .map(([k]) => `${where}: required input "${k}" of ${action} is not passed`);
        return [...unknown, ...missing];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('the pattern finds pins to actions and to reusable workflows', () => {
    const text = `uses: ${slug}/actions/notify@0123456789abcdef0123456789abcdef01234567 # v1\nuses: ${slug}/.github/workflows/review-gate.yml@main`;
    expect([...text.matchAll(ownReference(slug))].map((m) => `${m[2]}@${m[3]}`)).toEqual([
      'actions/notify@0123456789abcdef0123456789abcdef01234567',
      '.github/workflows/review-gate.yml@main',
    ]);
  });
});
