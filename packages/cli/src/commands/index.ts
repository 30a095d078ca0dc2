import { CONFIG_PATH } from '@closed-loop/core';
import type { Command } from '../command.js';

/**
 * Every `closed-loop` command by name and summary (what `closed-loop --help` lists); each engine's issue
 * adds its own here. The rest of a command loads when it is named: each `import()` is a chunk of the
 * bundle (dist/cli/N.index.js), so the pre-commit hook's `scan` never parses or evaluates the GitHub
 * client, the replay stories or the other engines.
 */
export const COMMANDS: Command[] = [
  {
    name: 'classify',
    summary: 'say what broke in CI log files: category, confidence, transient, evidence.',
    load: async () => (await import('./classify.js')).classifyCommand,
  },
  {
    name: 'recover',
    summary: 'plan recoveries: re-run, fix, roll back or escalate a classified failure.',
    load: async () => (await import('./recover.js')).recoverCommand,
  },
  {
    name: 'notify',
    summary: 'preview what notify writes to each channel for a verdict.',
    load: async () => (await import('./notify.js')).notifyCommand,
  },
  {
    name: 'replay',
    summary: 'replay the loop locally against the embedded fake GitHub, running the bundled actions as the runner would.',
    load: async () => (await import('./replay.js')).replayCommand,
  },
  {
    name: 'review-hash',
    summary: 'print the Review-Hash of HEAD (or the index), and record or verify reviews.',
    load: async () => {
      const { reviewHashCommand } = await import('./review-hash.js');
      const { recordCommand } = await import('./review-record.js');
      return { ...reviewHashCommand, subcommands: [...(reviewHashCommand.subcommands ?? []), recordCommand] };
    },
  },
  {
    name: 'hooks',
    summary: 'install or remove the git hooks (pre-commit secret scan, commit-msg review warning).',
    load: async () => (await import('./hooks.js')).hooksCommand,
  },
  {
    name: 'scan',
    summary: 'find credentials and PHI in added lines (staged changes, a range) or in files.',
    // In index.js itself ("eager"): the pre-commit hook's command then loads no chunk, and the modules it
    // shares with the config validator stay out of the validator's chunk (webpack would otherwise put
    // them together, and the hook would parse 300 KB of validator it rarely runs).
    load: async () => (await import(/* webpackMode: "eager" */ './scan.js')).scanCommand,
  },
  {
    name: 'discover',
    summary: 'rank the work a local clone asks for: debt markers, hotspots, test gaps, large files, dependencies.',
    load: async () => (await import('./discover.js')).discoverCommand,
  },
  {
    name: 'config',
    summary: `validate ${CONFIG_PATH} or print its JSON Schema.`,
    load: async () => (await import('./config.js')).configCommand,
  },
  {
    name: 'gate',
    summary: 'the quality gate locally: coverage, benchmark regression, commit conventions.',
    load: async () => (await import('./gate.js')).gateCommand,
  },
  {
    name: 'runs',
    summary: "look at a workflow's runs on GitHub (read-only).",
    load: async () => (await import('./runs.js')).runsCommand,
  },
];
