import { execFile, spawn } from 'node:child_process';

/**
 * The one place closed-loop runs git. Arguments are always an array (no shell), revisions go after
 * `--end-of-options` and paths after `--`, so a branch called `--upload-pack=…` or a file called `-rf`
 * is data, never an option. Output is parsed from NUL-separated plumbing formats where git offers one.
 */
export class GitError extends Error {
  override readonly name = 'GitError';
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args[0] ?? ''} failed${exitCode === null ? '' : ` (exit ${exitCode})`}: ${stderr.trim().split('\n').slice(-3).join(' ') || 'no output'}`);
  }
}

export interface GitRunOptions {
  input?: string | Buffer;
  env?: Record<string, string>;
  /** Exit codes that are answers, not failures (e.g. `merge-base --is-ancestor` returns 1 for "no"). */
  okExitCodes?: number[];
}

export interface GitResult {
  stdout: Buffer;
  stderr: string;
  exitCode: number;
}

// Plumbing output must not depend on the user's locale, pager, or prompts.
const BASE_ENV = { LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', GIT_OPTIONAL_LOCKS: '0' };

export class Git {
  constructor(
    readonly cwd: string,
    private readonly env: Record<string, string> = {},
  ) {}

  run(args: readonly string[], options: GitRunOptions = {}): Promise<GitResult> {
    return new Promise((resolve, reject) => {
      const child = execFile(
        'git',
        args,
        { cwd: this.cwd, encoding: 'buffer', maxBuffer: 1024 * 1024 * 1024, env: { ...process.env, ...BASE_ENV, ...this.env, ...options.env } },
        (error, stdout, stderr) => {
          const exitCode = error ? (typeof error.code === 'number' ? error.code : null) : 0;
          const err = stderr.toString('utf8');
          if (exitCode === 0 || (exitCode !== null && options.okExitCodes?.includes(exitCode))) resolve({ stdout, stderr: err, exitCode });
          else reject(new GitError(args, exitCode, err || (error?.message ?? '')));
        },
      );
      if (options.input !== undefined) child.stdin?.end(options.input);
    });
  }

  async text(args: readonly string[], options?: GitRunOptions): Promise<string> {
    return (await this.run(args, options)).stdout.toString('utf8').trim();
  }

  /** Output split on NUL (for `-z` formats), empty trailing field dropped. */
  async fields(args: readonly string[], options?: GitRunOptions): Promise<string[]> {
    const out = (await this.run(args, options)).stdout.toString('utf8');
    const parts = out.split('\0');
    if (parts[parts.length - 1] === '') parts.pop();
    return parts;
  }

  /** Streams stdout split on a separator, so long histories never sit in memory whole. */
  async *stream(args: readonly string[], separator = '\n'): AsyncGenerator<string> {
    const child = spawn('git', args, { cwd: this.cwd, env: { ...process.env, ...BASE_ENV, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d.slice(0, 4096)));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    let rest = '';
    for await (const chunk of child.stdout.setEncoding('utf8') as AsyncIterable<string>) {
      const parts = (rest + chunk).split(separator);
      rest = parts.pop() ?? '';
      yield* parts;
    }
    if (rest) yield rest;
    const code = await exited;
    if (code !== 0) throw new GitError(args, code, stderr);
  }

  /** Full object id of a revision, or a GitError if it does not name one. */
  async resolve(rev: string, peel: 'commit' | 'tree' = 'commit'): Promise<string> {
    return this.text(['rev-parse', '--verify', '--quiet', '--end-of-options', `${assertRev(rev)}^{${peel}}`]);
  }

  /** A file's text at a revision, or undefined when it is not there (no textconv, no filters). */
  async readFile(rev: string, path: string): Promise<string | undefined> {
    if (path.startsWith('-')) throw new Error(`not a path: ${path}`);
    const result = await this.run(['cat-file', 'blob', `${assertRev(rev)}:${path.replace(/^\.?\//, '')}`], { okExitCodes: [128] });
    return result.exitCode === 0 ? result.stdout.toString('utf8') : undefined;
  }

  async tryResolve(rev: string, peel: 'commit' | 'tree' = 'commit'): Promise<string | undefined> {
    const result = await this.run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${assertRev(rev)}^{${peel}}`], { okExitCodes: [1] });
    return result.exitCode === 0 ? result.stdout.toString('utf8').trim() : undefined;
  }

  async mergeBases(a: string, b: string): Promise<string[]> {
    const result = await this.run(['merge-base', '--all', '--end-of-options', assertRev(a), assertRev(b)], { okExitCodes: [1] });
    return result.stdout.toString('utf8').split('\n').filter(Boolean);
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    const result = await this.run(['merge-base', '--is-ancestor', '--end-of-options', assertRev(ancestor), assertRev(descendant)], { okExitCodes: [1] });
    return result.exitCode === 0;
  }

  async objectFormat(): Promise<'sha1' | 'sha256'> {
    const format = await this.text(['rev-parse', '--show-object-format']);
    return format === 'sha256' ? 'sha256' : 'sha1';
  }

  async isShallow(): Promise<boolean> {
    return (await this.text(['rev-parse', '--is-shallow-repository'])) === 'true';
  }

  /** Raw commit message (no encoding conversion, no trailing-newline games). */
  async commitMessage(rev: string): Promise<string> {
    return (await this.run(['cat-file', 'commit', await this.resolve(rev)])).stdout.toString('utf8').replace(/^[\s\S]*?\n\n/, '');
  }
}

/** Rejects revisions that git could read as options; everything else is git's to judge. */
export function assertRev(rev: string): string {
  if (rev === '' || rev.startsWith('-') || /[\0\n]/.test(rev)) throw new GitError(['rev-parse', rev], null, `not a revision: ${JSON.stringify(rev)}`);
  return rev;
}
