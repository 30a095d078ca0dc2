import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, codeOnly, read, sourceFiles } from '../support/source-files.js';

const subset = JSON.parse(readFileSync(join(ROOT, 'packages/testkit/openapi/github-subset.json'), 'utf8')) as {
  paths: Record<string, Record<string, unknown>>;
  info: { source: string };
};
const ROUTE = /['"`](GET|POST|PUT|PATCH|DELETE) (\/[^'"`\s]*)['"`]/g;
const CODE_FOLDERS = [
  'packages/core/src',
  'packages/cli/src',
  ...['review-hash-validate', 'failure-classify', 'recover', 'notify', 'secret-scan', 'value-discovery', 'closed-loop'].map((a) => `actions/${a}/src`),
];

function codeFiles(): string[] {
  return CODE_FOLDERS.flatMap((folder) => {
    try {
      return sourceFiles(folder);
    } catch {
      return [];
    }
  });
}

describe('GitHub endpoints our code calls', () => {
  it("are all in the OpenAPI subset cut from GitHub's official description", () => {
    const missing: string[] = [];
    let seen = 0;
    for (const file of codeFiles()) {
      for (const [, method, path] of codeOnly(read(file)).matchAll(ROUTE)) {
        seen++;
        if (path === '/graphql') continue; // GraphQL is not described by the REST OpenAPI document
        if (!subset.paths[path as string]?.[(method as string).toLowerCase()]) missing.push(`${file}: ${method} ${path}`);
      }
    }
    expect(seen).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  it('are spelled as route literals, never through octokit.rest, so the check above sees them all', () => {
    const offenders = codeFiles().filter((file) => /\.rest\.[a-z]/.test(codeOnly(read(file))));
    expect(offenders).toEqual([]);
  });

  it('come from the pinned @octokit/openapi release', () => {
    expect(subset.info.source).toMatch(/^@octokit\/openapi@\d+\.\d+\.\d+$/);
  });
});
