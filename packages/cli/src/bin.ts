#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { main } from './main.js';

// Entry of the bundled CLI (dist/cli/index.js), also the `bin` of the published package.
const code = await main(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  cwd: process.cwd(),
  stdin: process.stdin,
  entry: process.argv[1] ? realpathSync(process.argv[1]) : undefined,
});
process.exitCode = code;
