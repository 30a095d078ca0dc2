import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Path of a data file of the testkit (the OpenAPI subset, event and log fixtures). From source (tests)
 * that is this package; bundled into dist/cli for `npm run demo`, it is the repository's packages/testkit,
 * found by walking up from the bundle, so the bundle never carries a stale copy of the data.
 */
export function testkitFile(...parts: string[]): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'openapi', 'operations.txt'))) return join(dir, ...parts);
    if (existsSync(join(dir, 'packages', 'testkit', 'openapi', 'operations.txt'))) return join(dir, 'packages', 'testkit', ...parts);
    dir = dirname(dir);
  }
  throw new Error('cannot find packages/testkit (run the demo from a clone of the closed-loop repository)');
}
