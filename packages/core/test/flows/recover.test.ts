import { describe, expect, it } from '@jest/globals';
import { recordingRuntime } from '../../src/action/runtime.js';
import { ManualClock } from '../../src/clock.js';
import { ConfigurationError } from '../../src/errors.js';
import { runRecoverPhase } from '../../src/flows/recover.js';
import type { FixerWorkspace, PhaseContext, RecoverPhase } from '../../src/flows/recover-context.js';
import { recoverSettings } from '../../src/recover/settings.js';
import { verdict } from '../recover/fixtures.js';

// recover's phases as a core flow: everything outside it (files, fixer runner, git, audit) injected, no
// action in between. The phases against the fake GitHub are tested through the action (actions/recover/test).

const PATCH = 'diff --git a/app.js b/app.js\n--- a/app.js\n+++ b/app.js\n@@ -1 +1 @@\n-const a=1\n+const a = 1\n';

function context(phase: RecoverPhase, workspace?: FixerWorkspace) {
  const { runtime, outputs } = recordingRuntime({});
  const files = new Map<string, string>();
  const trail: string[] = [];
  const ctx: PhaseContext = {
    request: { phase, maxWaitSeconds: 0, patchPath: 'fix.patch', asApp: false },
    deps: {
      runtime,
      repo: { owner: 'acme', repo: 'widgets' },
      clock: new ManualClock(0),
      random: () => 0.5,
      files: { read: (p) => files.get(p), write: (p, t) => void files.set(p, t) },
      ...(workspace ? { workspace } : {}),
    },
    settings: recoverSettings({ recover: { fixers: { format: ['prettier --write .'] } } }),
    audit: { add: (step, detail) => void trail.push(`${step}: ${detail}`) },
    verdict: verdict({ category: 'quality', subcategory: 'format', transient: false }),
  };
  return { ctx, files, trail, outputs };
}

describe('recover flow (injected deps)', () => {
  it('propose-fix runs the fixers through the injected runner and writes the diff the workspace gives', async () => {
    const ran: string[] = [];
    const workspace: FixerWorkspace = {
      runCommand: (command) => (ran.push(command), Promise.resolve({ exitCode: 1, stdout: '', stderr: '' })),
      snapshot: () => Promise.resolve({ tree: 'tree-before', changed: [] }),
      diff: (from) => Promise.resolve(from === 'tree-before' ? PATCH : ''),
      headFile: () => Promise.resolve(undefined),
    };
    const { ctx, files, trail, outputs } = context('propose-fix', workspace);
    const outcome = await runRecoverPhase(ctx);
    expect(ran).toEqual(['prettier --write .']);
    expect(files.get('fix.patch')).toBe(PATCH);
    expect(outcome).toMatchObject({ action: 'fix', executed: false });
    expect(outputs).toMatchObject({ 'changed-lines': 2, 'has-changes': true });
    // A fixer's non-zero exit is an answer (problems left), not a failure of the phase.
    expect(trail).toContain('fixer: prettier --write . exited 1');
  });

  it('propose-fix without a workspace is a wiring error, not a silent empty patch', async () => {
    await expect(runRecoverPhase(context('propose-fix').ctx)).rejects.toThrow('propose-fix needs a command runner and git');
  });

  it('a phase that reads GitHub without a client names the input to set', async () => {
    const run = runRecoverPhase(context('rerun').ctx);
    await expect(run).rejects.toThrow(ConfigurationError);
    await expect(run).rejects.toThrow('Input github-token is required for phase rerun.');
  });
});
