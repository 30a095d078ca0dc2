import type { Command } from '../command.js';
import { configCommand } from './config.js';
import { hooksCommand } from './hooks.js';
import { notifyCommand } from './notify.js';
import { reviewHashCommand } from './review-hash.js';

/** Every `closed-loop` command; each engine's issue adds its own here. */
export const COMMANDS: Command[] = [configCommand, reviewHashCommand, hooksCommand, notifyCommand];
