#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import type { CliIO } from './command.js';

const argv = process.argv.slice(2);
const io: CliIO = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  cwd: process.cwd(),
  stdin: process.stdin,
  entry: process.argv[1] ? realpathSync(process.argv[1]) : undefined,
};
// Entry of the bundled CLI (dist/cli/index.js), also the `bin` of the published package. `scan` runs in
// every pre-commit hook, so it loads only what it uses: the other commands bring the fake GitHub, the API
// client, semver and the replay stories, which cost more start-up time than the scan itself. The bundle
// keeps every module in this one file ("eager"): a module is only evaluated when imported.
const code =
  argv[0] === 'scan'
    ? await (await import(/* webpackMode: "eager" */ './scan-main.js')).scanMain(argv, io)
    : await (await import(/* webpackMode: "eager" */ './main.js')).main(argv, io);
process.exitCode = code;
