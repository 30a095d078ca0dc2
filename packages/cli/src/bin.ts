#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import type { CliIO } from './command.js';
import { main } from './main.js';

const argv = process.argv.slice(2);
const io: CliIO = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  cwd: process.cwd(),
  // A getter: touching process.stdin builds the stream (and loads its modules), which only `-` needs.
  get stdin() {
    return process.stdin;
  },
  entry: process.argv[1] ? realpathSync(process.argv[1]) : undefined,
};
// Entry of the bundled CLI (dist/cli/index.js), also the `bin` of the published package. It holds only the
// parser, help and the command table: each command's modules are a chunk loaded when it is named
// (commands/index.ts), so `scan` in every pre-commit hook pays for the scanner alone.
process.exitCode = await main(argv, io);
