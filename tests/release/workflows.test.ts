// What the release and provenance workflows promise, beyond the general workflow policy: who may sign,
// that our release goes through the same provenance workflow users call, and that the pre-commit
// framework hooks run commands the CLI has.
import { describe, expect, it } from '@jest/globals';
import yaml from 'js-yaml';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, read } from '../support/source-files.js';
import { cli } from '../../packages/cli/test/io.js';

type Job = { uses?: string; permissions?: Record<string, string>; steps?: { uses?: string; with?: Record<string, unknown> }[]; with?: Record<string, unknown> };
const jobsOf = (file: string) => (yaml.load(read(file)) as { jobs: Record<string, Job> }).jobs;
const workflows = readdirSync(join(ROOT, '.github/workflows')).map((f) => `.github/workflows/${f}`);

describe('release and provenance workflows', () => {
  it('only the provenance attest job may write attestations; id-token only there and in npm publish', () => {
    const signers = workflows.flatMap((file) =>
      Object.entries(jobsOf(file))
        .filter(([, job]) => !job.uses && (job.permissions?.['attestations'] === 'write' || job.permissions?.['id-token'] === 'write'))
        .map(
          ([id, job]) =>
            `${file}#${id}:${Object.keys(job.permissions ?? {})
              .sort()
              .join(',')}`,
        ),
    );
    expect(signers.sort()).toEqual([
      '.github/workflows/provenance.yml#attest:attestations,contents,id-token',
      '.github/workflows/release.yml#publish:contents,id-token',
    ]);
  });

  it('our release attests what its build uploaded through the provenance workflow users call, and publishes only after it verified', () => {
    const jobs = jobsOf('.github/workflows/release.yml');
    const upload = jobs['build']?.steps?.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(String(upload?.with?.['path'])).toMatch(/dist\/\*\/\*\.js[\s\S]*tarball[\s\S]*sbom\/\*\.cdx\.json/);
    expect(jobs['provenance']).toMatchObject({ uses: './.github/workflows/provenance.yml', with: { 'artifact-name': upload?.with?.['name'] } });
    expect(jobsOf('.github/workflows/provenance.yml')['verify']).toMatchObject({ needs: 'attest' });
    for (const id of ['publish', 'release']) expect((jobs[id] as { needs: string[] }).needs).toContain('provenance');
  });

  it('the pre-commit framework hooks run commands the CLI has', async () => {
    const hooks = yaml.load(read('.pre-commit-hooks.yaml')) as { id: string; entry: string }[];
    expect(hooks.map((h) => h.id)).toEqual(['closed-loop-scan', 'closed-loop-review-warning']);
    for (const { entry } of hooks) {
      const [bin, ...args] = entry.split(' ');
      expect(bin).toBe('closed-loop');
      expect((await cli([...args, '--help'])).code).toBe(0);
    }
  });
});
