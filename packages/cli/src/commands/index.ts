import type { Command } from '../command.js';

/** Every `closed-loop` command; each engine's issue adds its own here. */
export const COMMANDS: Command[] = [];
