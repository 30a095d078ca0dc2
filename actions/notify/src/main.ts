import '@closed-loop/core/preflight'; // first: checks the event file before @actions/github parses it
import { checkInputs } from '@closed-loop/core';
import { readInputs } from './inputs.js';

// Entry of dist/notify/index.js. The inputs are checked before the action's body is evaluated: a misconfigured
// step gets its one error line without loading Octokit, undici and the engines (checkInputs). "eager" keeps
// the body in this one bundle file; it is evaluated only when imported.
if (checkInputs(readInputs)) await import(/* webpackMode: "eager" */ './action.js');
