// A throwaway git repository for scan tests (real git, isolated from the user's config).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export class ScanRepo {
  readonly dir = mkdtempSync(join(tmpdir(), 'cl-scan-'));
  constructor() {
    this.git('init', '-q', '-b', 'main');
    this.git('config', 'core.autocrlf', 'false');
  }
  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, env: GIT_ENV, encoding: 'utf8', maxBuffer: 1 << 28 });
  }
  /**
   * Stages files without writing them to the work tree: each distinct content is stored once, and the
   * index is written in one `update-index`. `git add` of thousands of files writes as many loose objects,
   * which on a busy disk takes longer than everything the test checks.
   */
  stage(files: Iterable<[path: string, content: string]>): this {
    const blobs = new Map<string, string>();
    const entries: string[] = [];
    for (const [path, content] of files) {
      let blob = blobs.get(content);
      if (blob === undefined) {
        blob = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: this.dir, env: GIT_ENV, encoding: 'utf8', input: content }).trim();
        blobs.set(content, blob);
      }
      entries.push(`100644 ${blob}\t${path}\n`);
    }
    execFileSync('git', ['update-index', '--add', '--index-info'], { cwd: this.dir, env: GIT_ENV, input: entries.join('') });
    return this;
  }
  write(path: string, content: string | Buffer): this {
    mkdirSync(dirname(join(this.dir, path)), { recursive: true });
    writeFileSync(join(this.dir, path), content);
    return this;
  }
  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
