import type { Command } from '../command.js';
import { classifyCommand } from './classify.js';
import { configCommand } from './config.js';
import { replayCommand } from './replay.js';
import { discoverCommand } from './discover.js';
import { hooksCommand } from './hooks.js';
import { notifyCommand } from './notify.js';
import { recoverCommand } from './recover.js';
import { reviewHashCommand } from './review-hash.js';
import { recordCommand } from './review-record.js';
import { scanCommand } from './scan.js';
import { gateCommand } from './gate.js';
import { runsCommand } from './runs.js';

/** Every `closed-loop` command; each engine's issue adds its own here. */
export const COMMANDS: Command[] = [
  classifyCommand,
  recoverCommand,
  notifyCommand,
  replayCommand,
  { ...reviewHashCommand, subcommands: [...(reviewHashCommand.subcommands ?? []), recordCommand] },
  hooksCommand,
  scanCommand,
  discoverCommand,
  configCommand,
  gateCommand,
  runsCommand,
];
