// The one map from errors a user can cause to one-line configuration errors, and the API client's
// fail-fast on a host nobody answers on (was: four attempts with backoff, then "internal error").
import { describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ConfigurationError, asUserError } from '../../src/errors.js';
import { GitError } from '../../src/git/git.js';
import { GitHubClient } from '../../src/github/index.js';
import { ManualClock } from '../../src/clock.js';

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}

describe('asUserError', () => {
  it('names the path and the fix for filesystem errors', () => {
    expect(asUserError(thrown(() => readFileSync('/nonexistent/cl.yml')))?.message).toBe('/nonexistent/cl.yml: no such file or directory; check the path.');
    expect(asUserError(thrown(() => readFileSync(tmpdir())))?.message).toMatch(/is a directory, not a file/);
  });

  it('calls a truncated gzip truncated', () => {
    const cut = gzipSync('x'.repeat(1000)).subarray(0, 12);
    expect(asUserError(thrown(() => gunzipSync(cut)))?.message).toMatch(/^the gzip data is truncated or corrupt/);
  });

  it('turns git outside a repository and unknown revisions into one line', () => {
    expect(asUserError(new GitError(['rev-parse'], 128, 'fatal: not a git repository (or any of the parent directories): .git'))?.message).toBe(
      'not inside a git repository: check the repository out first (actions/checkout in a workflow; locally, run it in a clone).',
    );
    expect(asUserError(new GitError(['rev-parse'], 128, "fatal: ambiguous argument 'nope': unknown revision"))?.message).toMatch(/no such revision/);
  });

  it('turns git without an identity (a commit on a fresh machine) into one line with the fix', () => {
    const stderr =
      'Author identity unknown\n\n*** Please tell me who you are.\n\nRun\n\n  git config --global user.email "you@example.com"\nfatal: unable to auto-detect email address (got \'root@vm.(none)\')';
    expect(asUserError(new GitError(['commit-tree'], 128, stderr))?.message).toMatch(/^git does not know who you are .*git config --global user\.email/);
  });

  it('says which network failure stopped the API call', () => {
    const failed = Object.assign(new Error('request to https://api.example.test/repos failed'), {
      cause: Object.assign(new Error('x'), { code: 'ENOTFOUND' }),
    });
    expect(asUserError(failed)?.message).toMatch(/^cannot reach the GitHub API at https:\/\/api\.example\.test: host not found \(ENOTFOUND\)/);
  });

  it('leaves our own bugs alone', () => {
    expect(asUserError(new TypeError("Cannot read properties of undefined (reading 'flatMap')"))).toBeUndefined();
    expect(asUserError('a string')).toBeUndefined();
    const own = new ConfigurationError('x');
    expect(asUserError(own)).toBe(own);
  });
});

describe('GitHubClient against a host that refuses connections', () => {
  it('fails at once with one line, not after retries with backoff', async () => {
    // A port that was just free: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const clock = new ManualClock();
    const client = new GitHubClient({ token: 't', baseUrl: `http://127.0.0.1:${port}`, timeScaleMs: 1000, writeSpacingMs: 0 }, clock);
    const started = Date.now();
    const error = await client.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'widgets' }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3000); // was ≥ 14 s: 1 + 4 + 9 s of backoff
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(asUserError(error)?.message).toBe(
      `cannot reach the GitHub API at http://127.0.0.1:${port}: ECONNREFUSED; check the network and GITHUB_API_URL (on GitHub Enterprise Server, its api/v3 URL).`,
    );
  });
});
