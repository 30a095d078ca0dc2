import { notImplemented, type ActionRuntime } from '@closed-loop/core';
import type { ActionInputs } from './inputs.js';

export async function run(_inputs: ActionInputs, _runtime: ActionRuntime): Promise<void> {
  throw notImplemented('recover');
}
