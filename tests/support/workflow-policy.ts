import yaml from 'js-yaml';

/**
 * Our security policy for workflows and action metadata, as a pure function so it can be tested
 * against deliberately bad files. Each finding names the file and the job/step and says the fix.
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const PINNED = /^[\w.-]+\/[\w.-]+(\/[^@]*)?@[0-9a-f]{40}$/;
const PRIVILEGED_TRIGGERS = ['workflow_run', 'issue_comment', 'pull_request_review_comment', 'schedule', 'pull_request_target'];
const UNTRUSTED_REF = /head_sha|head\.sha|head\.ref|head_branch|head_ref|pull_request\.head|github\.head_ref/;

export function checkWorkflow(text: string, file: string): string[] {
  const doc = yaml.load(text) as Obj;
  const out: string[] = [];
  const on = doc.on ?? doc[true as unknown as string]; // YAML 1.1 reads a bare `on:` key as true
  const triggers = typeof on === 'string' ? [on] : Array.isArray(on) ? (on as string[]) : isObj(on) ? Object.keys(on) : [];
  if (triggers.includes('pull_request_target'))
    out.push(`${file}: pull_request_target runs with a write token on untrusted code; use pull_request + workflow_run instead.`);
  if (!('permissions' in doc)) out.push(`${file}: no top-level permissions:; add \`permissions: {}\` and grant per job.`);
  else if (!readOnly(doc.permissions)) out.push(`${file}: top-level permissions must be {} or read-only; grant writes per job.`);
  const privileged = triggers.some((t) => PRIVILEGED_TRIGGERS.includes(t));
  for (const [id, job] of Object.entries(isObj(doc.jobs) ? doc.jobs : {})) {
    if (!isObj(job)) continue;
    const where = `${file}: job ${id}`;
    if (!('permissions' in job)) out.push(`${where} has no permissions:; declare the least it needs.`);
    if (job.secrets === 'inherit') out.push(`${where} uses secrets: inherit; pass only the secrets the called workflow declares.`);
    if (typeof job.uses === 'string') {
      checkUses(job.uses, where, out);
      continue;
    }
    if (!('timeout-minutes' in job)) out.push(`${where} has no timeout-minutes.`);
    const writes = hasWrite(job.permissions);
    out.push(...checkSteps(job.steps, where, { writes, privileged }));
  }
  return out;
}

export function checkActionMetadata(text: string, file: string, expectedName?: string): string[] {
  const doc = yaml.load(text) as Obj;
  const out: string[] = [];
  for (const key of ['name', 'description']) if (typeof doc[key] !== 'string' || !doc[key].trim()) out.push(`${file}: missing ${key}.`);
  if (!isObj(doc.branding)) out.push(`${file}: missing branding (icon, color) for the Marketplace.`);
  for (const [kind, entries] of [
    ['input', doc.inputs],
    ['output', doc.outputs],
  ] as const) {
    for (const [name, spec] of Object.entries(isObj(entries) ? entries : {})) {
      if (!isObj(spec) || typeof spec.description !== 'string' || !spec.description.trim()) out.push(`${file}: ${kind} ${name} has no description.`);
    }
  }
  const runs = isObj(doc.runs) ? doc.runs : {};
  if (runs.using === 'composite') {
    out.push(...checkSteps(runs.steps, `${file}: composite`, { writes: false, privileged: false }));
  } else {
    if (runs.using !== 'node24') out.push(`${file}: runs.using must be node24.`);
    if (expectedName && runs.main !== `../../dist/${expectedName}/index.js`) out.push(`${file}: runs.main must be ../../dist/${expectedName}/index.js.`);
  }
  return out;
}

function checkSteps(steps: unknown, where: string, job: { writes: boolean; privileged: boolean }): string[] {
  const out: string[] = [];
  (Array.isArray(steps) ? steps : []).forEach((step: unknown, i) => {
    if (!isObj(step)) return;
    const at = `${where} step ${typeof step.name === 'string' ? `"${step.name}"` : i + 1}`;
    if (typeof step.run === 'string' && step.run.includes('${{'))
      out.push(`${at}: \${{ }} inside run: is a script injection risk; pass the value through env:.`);
    const withs = isObj(step.with) ? step.with : {};
    if (typeof withs.script === 'string' && withs.script.includes('${{'))
      out.push(`${at}: \${{ }} inside script: is a script injection risk; pass the value through env:.`);
    if (typeof step.uses === 'string') {
      checkUses(step.uses, at, out);
      if (/^actions\/checkout@/.test(step.uses)) {
        if (job.writes && withs['persist-credentials'] !== false) out.push(`${at}: checkout in a job with a write token must set persist-credentials: false.`);
        if ((job.writes || job.privileged) && typeof withs.ref === 'string' && UNTRUSTED_REF.test(withs.ref))
          out.push(`${at}: checks out pull-request code in a privileged job; run it in an unprivileged job instead.`);
      }
    }
  });
  return out;
}

function checkUses(uses: string, where: string, out: string[]): void {
  if (uses.startsWith('./') || uses.startsWith('docker://')) return;
  if (!PINNED.test(uses)) out.push(`${where}: ${uses} is not pinned to a full 40-character commit SHA.`);
}

function readOnly(permissions: unknown): boolean {
  if (permissions === 'read-all') return true;
  if (!isObj(permissions)) return false;
  return Object.values(permissions).every((v) => v === 'read' || v === 'none');
}

function hasWrite(permissions: unknown): boolean {
  if (permissions === 'write-all') return true;
  return isObj(permissions) && Object.values(permissions).some((v) => v === 'write');
}
