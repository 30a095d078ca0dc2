import yaml from 'js-yaml';

/**
 * The trust rule for jobs that run pull-request code: a job that checks out a PR's head (by SHA, ref or
 * branch) runs code its author chose, so it holds no write permission and no secret. Kept apart from
 * workflow-policy.ts because it reads the whole job (permissions, checkout refs, secret references).
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Expressions that name a PR's head: event fields and the inputs our reusable workflows pass them in. */
const PR_HEAD = /head[_.-]?sha|headSha|head[_.-]?ref|head_branch|pull_request\.head|github\.head_ref|refs\/pull\//i;
const SECRET = /\$\{\{[^}]*\bsecrets\.(?!GITHUB_TOKEN\b)[\w-]+/;

export function checkPrHeadJobs(text: string, file: string): string[] {
  const doc = yaml.load(text) as Obj;
  const out: string[] = [];
  for (const [id, job] of Object.entries(isObj(doc.jobs) ? doc.jobs : {})) {
    if (!isObj(job) || !Array.isArray(job.steps)) continue;
    const checksOutHead = job.steps.some(
      (s) =>
        isObj(s) &&
        typeof s.uses === 'string' &&
        s.uses.startsWith('actions/checkout@') &&
        isObj(s.with) &&
        typeof s.with.ref === 'string' &&
        PR_HEAD.test(s.with.ref),
    );
    if (!checksOutHead) continue;
    const where = `${file}: job ${id} checks out the pull request's head`;
    const writes = writeScopes(job.permissions);
    if (writes.length) out.push(`${where} and holds ${writes.join(', ')}; run PR code read-only and write from a separate job.`);
    if (!('permissions' in job)) out.push(`${where} without a permissions: block (it would inherit a write token); declare contents: read.`);
    if (SECRET.test(JSON.stringify(job))) out.push(`${where} and references a secret; PR code must never run beside a secret.`);
  }
  return out;
}

function writeScopes(permissions: unknown): string[] {
  if (permissions === 'write-all') return ['write-all'];
  if (!isObj(permissions)) return [];
  return Object.entries(permissions)
    .filter(([, v]) => v === 'write')
    .map(([k]) => `${k}: write`);
}

/** The one ref a privileged job may check out: the default branch, named explicitly. */
const DEFAULT_BRANCH = /^\$\{\{\s*github\.event\.repository\.default_branch\s*\}\}$/;

/**
 * A job that holds a write permission or a secret checks out only the default branch, by name: an omitted
 * `ref` is the triggering event's ref, which for pull_request_review_comment is the PR's merge commit and
 * for a caller on pull_request the PR's code — the "trusted" configuration would come from the PR.
 */
export function checkPrivilegedCheckouts(text: string, file: string): string[] {
  const doc = yaml.load(text) as Obj;
  const out: string[] = [];
  for (const [id, job] of Object.entries(isObj(doc.jobs) ? doc.jobs : {})) {
    if (!isObj(job) || !Array.isArray(job.steps)) continue;
    const privileged = writeScopes(job.permissions).length > 0 || SECRET.test(JSON.stringify(job));
    if (!privileged) continue;
    for (const step of job.steps) {
      if (!isObj(step) || typeof step.uses !== 'string' || !step.uses.startsWith('actions/checkout@')) continue;
      const ref = isObj(step.with) ? step.with.ref : undefined;
      if (typeof ref !== 'string' || !DEFAULT_BRANCH.test(ref.trim()))
        out.push(
          `${file}: job ${id} holds a write token or a secret and checks out ${typeof ref === 'string' ? ref : "the event's default ref"}; set ref: \${{ github.event.repository.default_branch }}.`,
        );
    }
  }
  return out;
}
