// The published package, tested as a user gets it: the CLI bundle is built into a temp dir, packed with the
// real package.json by `npm pack`, installed offline from the tarball into a fresh git repository, and
// its hooks must refuse a commit holding a credential. Then the bundle's SBOM must list what is inside it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as CDX from '@cyclonedx/cyclonedx-library';
import { ROOT } from '../support/source-files.js';

const TOKEN = ['ghp', 'R4nD0mT0k3nV4lu3F0rT3st1ngPurp0s3sXY'].join('_');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string> };
// npm test exports npm_config_* (workspace, prefix …) that must not leak into the user's npm.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
const gitEnv = {
  ...env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'T',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 'T',
  GIT_COMMITTER_EMAIL: 't@example.com',
};

let tmp: string;
let tarball: string;
let packed: { files: { path: string }[] };

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cl-pack-'));
  const stage = join(tmp, 'stage');
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), 'cli', '--out', join(stage, 'dist')], { cwd: ROOT, env });
  for (const file of ['package.json', 'README.md']) copyFileSync(join(ROOT, file), join(stage, file));
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: stage, env, encoding: 'utf8' });
  packed = (JSON.parse(out) as { filename: string; files: { path: string }[] }[])[0]!;
  tarball = join(tmp, (packed as unknown as { filename: string }).filename);
}, 300_000); // one ncc build: ~15 s alone, minutes on a loaded machine
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe(`the published ${manifest.name} package`, () => {
  it('holds only the self-contained CLI bundle, every chunk of it, and declares no runtime dependencies', () => {
    // index.js loads each command's chunk (N.index.js) when that command runs: a chunk left out of the
    // package would fail only that command, so the package must hold exactly what the build wrote.
    const built = readdirSync(join(tmp, 'stage', 'dist', 'cli')).map((f) => `dist/cli/${f}`);
    expect(built).toEqual(expect.arrayContaining(['dist/cli/index.js', 'dist/cli/licenses.txt', 'dist/cli/package.json']));
    expect(built.filter((f) => /^dist\/cli\/\d+\.index\.js$/.test(f)).length).toBeGreaterThan(0);
    expect(packed.files.map((f) => f.path).sort()).toEqual(['README.md', 'package.json', ...built].sort());
    expect(manifest.bin).toEqual({ 'closed-loop': 'dist/cli/index.js' });
    expect(manifest).not.toHaveProperty('dependencies');
  });

  it('installs offline from the tarball; its hooks refuse a commit holding a credential and pass a clean one', () => {
    const repo = join(tmp, 'repo');
    mkdirSync(repo);
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo, env: gitEnv });
    writeFileSync(join(repo, 'package.json'), '{ "name": "app", "private": true }\n');
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--save-dev', tarball], { cwd: repo, env, stdio: 'pipe' });
    const bin = join(repo, 'node_modules', '.bin', 'closed-loop');
    expect(execFileSync(bin, ['--version'], { cwd: repo, env, encoding: 'utf8' }).trim()).toBe(manifest.version);
    expect(execFileSync(bin, ['hooks', 'install'], { cwd: repo, env: gitEnv, encoding: 'utf8' })).toContain('Installed pre-commit and commit-msg hooks');

    writeFileSync(join(repo, '.gitignore'), 'node_modules\n');
    writeFileSync(join(repo, 'deploy.sh'), `export GH_TOKEN="${TOKEN}"\n`);
    execFileSync('git', ['add', '-A'], { cwd: repo, env: gitEnv });
    const refused = spawnSync('git', ['commit', '-m', 'leak'], { cwd: repo, env: gitEnv, encoding: 'utf8' });
    expect(refused.status).not.toBe(0);
    const said = refused.stdout + refused.stderr;
    expect(said).toMatch(/deploy\.sh:1:\d+: critical github-token/);
    expect(said).not.toContain(TOKEN);

    writeFileSync(join(repo, 'deploy.sh'), 'export GH_TOKEN="$(cat ~/.token)"\n');
    execFileSync('git', ['add', '-A'], { cwd: repo, env: gitEnv });
    const clean = spawnSync('git', ['commit', '-m', 'clean'], { cwd: repo, env: gitEnv, encoding: 'utf8' });
    expect(clean.status).toBe(0);
    expect(clean.stderr).toMatch(/^closed-loop scan: 0 finding\(s\)/);
  }, 300_000);

  it('npm run sbom: one valid CycloneDX document per bundle, listing the packages inside it and no devDependency', async () => {
    const out = join(tmp, 'sbom');
    execFileSync(process.execPath, [join(ROOT, 'scripts/sbom.mjs'), '--dist', join(tmp, 'stage', 'dist'), '--out', out], { cwd: ROOT, env });
    const text = readFileSync(join(out, 'cli.cdx.json'), 'utf8');
    expect(await new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6).validate(text)).toBeNull();
    const bom = JSON.parse(text) as { components: { group?: string; name: string }[] };
    const names = new Set(bom.components.map((c) => (c.group ? `${c.group}/${c.name}` : c.name)));
    expect(names).toContain('js-yaml'); // the CLI parses .github/closed-loop.yml with it
    for (const dev of ['jest', 'typescript', '@vercel/ncc', 'eslint', '@cyclonedx/cyclonedx-library']) expect(names).not.toContain(dev);
    // ncc's own licence file names every package it bundled: the SBOM must name the same ones.
    // Its entries are "name\nlicense\ntext"; npm names are lower-case, which tells them from licence text.
    // Our own workspace packages are the bundle itself (the SBOM's metadata.component), not components.
    const licences = readFileSync(join(tmp, 'stage', 'dist', 'cli', 'licenses.txt'), 'utf8');
    const licensed = (licences.match(/^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*(?=\n\S+\n)/gm) ?? []).filter(
      (n) => !n.startsWith('@closed-loop/'),
    );
    expect([...names].sort()).toEqual([...new Set(licensed)].sort());
  }, 300_000);
});
