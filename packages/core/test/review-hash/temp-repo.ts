// Real git repositories in temp dirs for Review-Hash tests (also used by the action and CLI tests).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, chmodSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

const made: string[] = [];

export function tempDir(prefix = 'rh-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function cleanupTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export class TempRepo {
  constructor(readonly dir: string) {}

  static init(options: { objectFormat?: 'sha1' | 'sha256'; bare?: boolean } = {}): TempRepo {
    const dir = tempDir();
    execFileSync('git', ['init', '-q', '-b', 'main', ...(options.bare ? ['--bare'] : []), `--object-format=${options.objectFormat ?? 'sha1'}`, dir], {
      env: ENV,
    });
    const repo = new TempRepo(dir);
    repo.git('config', 'core.autocrlf', 'false');
    return repo;
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, env: ENV, encoding: 'utf8', maxBuffer: 1 << 30 }).trim();
  }

  write(path: string, content: string | Buffer): this {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
    return this;
  }

  chmod(path: string, mode: number): this {
    chmodSync(join(this.dir, path), mode);
    return this;
  }

  symlink(path: string, target: string): this {
    const full = join(this.dir, path);
    rmSync(full, { force: true });
    symlinkSync(target, full);
    return this;
  }

  remove(path: string): this {
    unlinkSync(join(this.dir, path));
    return this;
  }

  /** Stages everything and commits; returns the new sha. */
  commit(message: string, ...extra: string[]): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '--no-verify', ...extra, '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  head(): string {
    return this.git('rev-parse', 'HEAD');
  }
}
