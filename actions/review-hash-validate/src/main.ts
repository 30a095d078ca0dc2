import { actionRuntime, runAction } from '@closed-loop/core';
import { readInputs } from './inputs.js';
import { run } from './run.js';

// Entry of dist/review-hash-validate/index.js: read inputs, then hand over to run() (which tests call directly).
await runAction('review-hash-validate', async () => {
  const runtime = actionRuntime();
  await run(readInputs(runtime.inputs), runtime);
});
