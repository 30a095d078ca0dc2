import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Ends every `npm test` with one plain line, "N passed, N failed", which CI systems that do not parse
// jest's own summary can read. Jest prints its summary after all reporters, so the line is also written
// to coverage/test-summary.txt for .ci/run to print last.
export default class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
    process.stderr.write(`\n${line}\n`);
    const dir = join(this.rootDir, 'coverage');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'test-summary.txt'), `${line}\n`);
  }
}
