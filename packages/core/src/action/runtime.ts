import * as core from '@actions/core';
import { actionContext, type ActionContext } from './context.js';
import { Inputs, envInputs, mapInputs } from '../inputs/index.js';
import { RecordingLogger, type Logger, type Annotation } from '../logger.js';
import { Redactor } from '../redact/index.js';
import { capJobSummary } from '../render/index.js';

/**
 * What an action's adapter is handed: typed inputs, a logger, and the only ways it writes back to the
 * runner (outputs, summary). Tests build one with fakes; `actionRuntime()` builds the real one.
 */
export interface ActionRuntime {
  inputs: Inputs;
  logger: Logger;
  redactor: Redactor;
  env: NodeJS.ProcessEnv;
  /** Repository, server/API/GraphQL URLs and event name, read from `env` once (context.ts). */
  context: ActionContext;
  setOutput(name: string, value: string | number | boolean | object): void;
  writeSummary(markdown: string): Promise<void>;
}

export function actionLogger(): Logger {
  const props = (a?: Annotation): core.AnnotationProperties | undefined => a && { ...a };
  return {
    debug: (m) => {
      core.debug(m);
    },
    info: (m) => {
      core.info(m);
    },
    warning: (m, a) => {
      core.warning(m, props(a));
    },
    error: (m, a) => {
      core.error(m, props(a));
    },
    startGroup: (n) => {
      core.startGroup(n);
    },
    endGroup: () => {
      core.endGroup();
    },
  };
}

export function actionRuntime(env: NodeJS.ProcessEnv = process.env): ActionRuntime {
  const redactor = new Redactor();
  const inputs = new Inputs(envInputs(env), (secret) => {
    core.setSecret(secret);
    redactor.addSecret(secret);
  });
  return {
    inputs,
    logger: actionLogger(),
    redactor,
    env,
    context: actionContext(env),
    setOutput: (name, value) => {
      core.setOutput(name, typeof value === 'object' ? JSON.stringify(value) : value);
    },
    writeSummary: async (markdown) => {
      if (!env.GITHUB_STEP_SUMMARY) return;
      await core.summary.addRaw(capJobSummary(redactor.redact(markdown)), true).write();
    },
  };
}

export interface RecordedRuntime {
  runtime: ActionRuntime;
  logger: RecordingLogger;
  outputs: Record<string, unknown>;
  /** Summaries as the runner would store them: redacted. */
  summaries: string[];
}

/**
 * An ActionRuntime that keeps what the action wrote, for tests and the CLI: inputs from a table
 * (`github-token` defaults to the fake GitHub's `test-token`), secrets registered for redaction.
 */
export function recordingRuntime(values: Record<string, string>, env: NodeJS.ProcessEnv = {}): RecordedRuntime {
  const logger = new RecordingLogger();
  const redactor = new Redactor();
  const outputs: Record<string, unknown> = {};
  const summaries: string[] = [];
  const runtime: ActionRuntime = {
    inputs: new Inputs(mapInputs({ 'github-token': 'test-token', ...values }), (s) => {
      redactor.addSecret(s);
    }),
    logger,
    redactor,
    env,
    context: actionContext(env),
    setOutput: (name, value) => {
      outputs[name] = value;
    },
    writeSummary: (markdown) => {
      summaries.push(redactor.redact(markdown));
      return Promise.resolve();
    },
  };
  return { runtime, logger, outputs, summaries };
}
