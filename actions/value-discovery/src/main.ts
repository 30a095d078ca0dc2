import { actionRuntime, runAction } from '@closed-loop/core';
import { readInputs } from './inputs.js';
import { run } from './run.js';

// Entry of dist/value-discovery/index.js: read inputs, then hand over to run() (which tests call directly).
await runAction('value-discovery', async () => {
  const runtime = actionRuntime();
  await run(readInputs(runtime.inputs), runtime);
});
