import { CATEGORIES, SEVERITIES, VERDICT_SCHEMA } from './verdict.js';

/**
 * The first way `value` is not a verdict, as "where: what was expected" — or undefined when it is one.
 * A verdict crosses a job boundary as text (an output, a file, a hand-written replay), and recover
 * plans re-runs from its fields: so every field an engine reads is checked, by own-property lookups
 * (`category: "constructor"` must not pass as a key of some object), before anything acts on it.
 */
export function verdictProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'not a JSON object';
  if (value.schema !== VERDICT_SCHEMA) return `schema is ${JSON.stringify(value.schema)}, not "${VERDICT_SCHEMA}"`;
  const top = classificationProblem(value, '');
  if (top) return top;
  if (!oneOf(value.status, STATUSES)) return `status must be one of ${STATUSES.join(', ')}`;
  if (typeof value.flaky !== 'boolean') return 'flaky must be true or false';
  const run = value.run;
  if (!isObject(run)) return 'run must be an object';
  for (const key of ['id', 'attempt'] as const) if (!isCount(run[key])) return `run.${key} must be a whole number`;
  for (const key of ['workflowName', 'workflowPath', 'event', 'headSha', 'htmlUrl', 'repository'] as const)
    if (typeof run[key] !== 'string') return `run.${key} must be a string`;
  if (run.headBranch !== null && typeof run.headBranch !== 'string') return 'run.headBranch must be a string or null';
  if (!Array.isArray(run.pullRequests) || !run.pullRequests.every(isCount)) return 'run.pullRequests must be a list of pull request numbers';
  if (typeof run.fork !== 'boolean') return 'run.fork must be true or false';
  if (run.headRepository !== undefined && typeof run.headRepository !== 'string') return 'run.headRepository must be a string when given';
  const history = value.history;
  if (!isObject(history)) return 'history must be an object';
  for (const key of ['windowHours', 'runs', 'failures', 'consecutiveFailures'] as const)
    if (!isCount(history[key])) return `history.${key} must be a whole number`;
  if (!isRatio(history.failureRate)) return 'history.failureRate must be a number from 0 to 1';
  if (!Array.isArray(value.jobs)) return 'jobs must be a list';
  for (const [i, job] of value.jobs.entries()) {
    if (!isObject(job)) return `jobs[${i}] must be an object`;
    const problem = classificationProblem(job, `jobs[${i}].`);
    if (problem) return problem;
    if (!isCount(job.jobId) || typeof job.jobName !== 'string') return `jobs[${i}] needs a numeric jobId and a jobName`;
  }
  return undefined;
}

const STATUSES = ['classified', 'logs-unavailable', 'in-progress', 'forbidden', 'no-failed-jobs'] as const;

function classificationProblem(v: Record<string, unknown>, at: string): string | undefined {
  if (!oneOf(v.category, CATEGORIES)) return `${at}category must be one of ${CATEGORIES.join(', ')}`;
  if (typeof v.subcategory !== 'string') return `${at}subcategory must be a string`;
  if (!isRatio(v.confidence)) return `${at}confidence must be a number from 0 to 1`;
  if (typeof v.transient !== 'boolean') return `${at}transient must be true or false`;
  if (!oneOf(v.severity, SEVERITIES)) return `${at}severity must be one of ${SEVERITIES.join(', ')}`;
  if (!oneOf(v.priority, [1, 2, 3, 4] as const)) return `${at}priority must be 1, 2, 3 or 4`;
  if (typeof v.signature !== 'string') return `${at}signature must be a string`;
  const evidence = v.evidence;
  if (
    !isObject(evidence) ||
    !isCount(evidence.startLine) ||
    !isCount(evidence.endLine) ||
    !Array.isArray(evidence.lines) ||
    !evidence.lines.every((l) => typeof l === 'string')
  )
    return `${at}evidence must have startLine, endLine and lines`;
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function oneOf<T>(v: unknown, allowed: readonly T[]): v is T {
  return allowed.includes(v as T);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function isRatio(v: unknown): v is number {
  return typeof v === 'number' && v >= 0 && v <= 1;
}
