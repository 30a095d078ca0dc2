import { isTestFile } from './paths.js';

/** Per-file history over the window: how often it changed, when last, and how often with a test. */
export interface FileChurn {
  commits: number;
  /** Unix seconds of the newest commit touching it. */
  lastTime: number;
  /** Commits that touched this file and at least one test file. */
  withTests: number;
}

/** Commits touching more files than this do not count as "changed together with a test". */
export const BULK_COMMIT_FILES = 50;

/** The header our history walk asks git for: `%x01%H %ct` (see git/discover.ts). */
export const CHURN_FORMAT = '%x01%H %ct';

/**
 * Folds the NUL-separated tokens of `git log -z --name-only --no-renames --format=CHURN_FORMAT`
 * into per-file churn, one token at a time, so a long history never sits in memory.
 */
export class ChurnAccumulator {
  readonly files = new Map<string, FileChurn>();
  commits = 0;
  private time = 0;
  private current: string[] = [];
  /** Whether a path is a test, by path: a long history names the same files thousands of times. */
  private readonly tests = new Map<string, boolean>();
  private isTest = (path: string): boolean => {
    let t = this.tests.get(path);
    if (t === undefined) this.tests.set(path, (t = isTestFile(path)));
    return t;
  };

  add(token: string): void {
    if (token.startsWith('\x01')) {
      this.flush();
      this.commits++;
      this.time = Number(token.slice(token.lastIndexOf(' ') + 1)) || 0;
      return;
    }
    // git puts a newline between a commit's header and its first file name.
    const path = token.startsWith('\n') ? token.slice(1) : token;
    if (path) this.current.push(path);
  }

  /** Call after the last token. */
  finish(): Map<string, FileChurn> {
    this.flush();
    return this.files;
  }

  private flush(): void {
    if (!this.current.length) return;
    // A bulk commit (import, reformat, mass rename) touching tests says nothing about which code they test.
    const touchesTest = this.current.length <= BULK_COMMIT_FILES && this.current.some(this.isTest);
    for (const path of this.current) {
      const f = this.files.get(path);
      if (f) {
        f.commits++;
        f.lastTime = Math.max(f.lastTime, this.time);
        if (touchesTest) f.withTests++;
      } else this.files.set(path, { commits: 1, lastTime: this.time, withTests: touchesTest ? 1 : 0 });
    }
    this.current = [];
  }
}
