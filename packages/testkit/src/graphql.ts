// POST /graphql is outside the REST description, so its one supported mutation is validated by hand.
import { must } from './must.js';
import type { FakeState } from './state/index.js';

export interface GraphqlResult {
  status: number;
  body: unknown;
  /** Problems with the request itself (unknown query, malformed input): recorded as violations. */
  violations: string[];
  wrote: boolean;
}

interface CommitInput {
  branch?: { repositoryNameWithOwner?: unknown; branchName?: unknown };
  message?: { headline?: unknown; body?: unknown };
  fileChanges?: {
    additions?: Array<{ path?: unknown; contents?: unknown }>;
    deletions?: Array<{ path?: unknown }>;
  };
  expectedHeadOid?: unknown;
}

const fail = (message: string, type?: string): GraphqlResult => ({
  status: 200,
  body: {
    data: null,
    errors: [{ ...(type ? { type } : {}), message, path: ['createCommitOnBranch'] }],
  },
  violations: [],
  wrote: false,
});

/** `login`: the token's identity, which GitHub makes the author of the commit it creates and signs. */
export function handleGraphql(state: FakeState, payload: unknown, login: string): GraphqlResult {
  const { query, variables } = (payload ?? {}) as {
    query?: unknown;
    variables?: Record<string, unknown>;
  };
  if (typeof query !== 'string')
    return {
      status: 400,
      body: { message: 'Problems parsing JSON' },
      violations: ['POST /graphql without a query string'],
      wrote: false,
    };
  const m = /mutation\b[\s\S]*?createCommitOnBranch\s*\(\s*input\s*:\s*\$(\w+)\s*\)/.exec(query);
  if (!m) {
    return {
      status: 200,
      body: {
        errors: [
          {
            message: 'The fake GitHub only supports the createCommitOnBranch mutation (with input as a variable).',
          },
        ],
      },
      violations: [`POST /graphql: unsupported query: ${query.slice(0, 120)}`],
      wrote: false,
    };
  }
  const input = variables?.[must(m[1], 'mutation input variable name')] as CommitInput | undefined;
  const problems = checkInput(input);
  if (problems.length)
    return {
      status: 200,
      body: {
        errors: problems.map((message) => ({ type: 'INVALID_INPUT', message })),
      },
      violations: problems.map((p) => `POST /graphql createCommitOnBranch: ${p}`),
      wrote: false,
    };
  const i = must(input, 'createCommitOnBranch input');
  const branch = must(i.branch, 'input.branch');
  const [owner, name] = String(branch.repositoryNameWithOwner).split('/') as [string, string];
  const repo = state.repos.get({ owner, repo: name });
  if (!repo) return fail(`Could not resolve to a Repository with the name '${owner}/${name}'.`, 'NOT_FOUND');
  const branchName = String(branch.branchName).replace(/^refs\/heads\//, '');
  const head = repo.branches.get(branchName);
  if (!head) return fail(`A ref named "refs/heads/${branchName}" does not exist.`, 'NOT_FOUND');
  if (i.expectedHeadOid !== head.sha) {
    return fail(`Expected branch to point to "${String(i.expectedHeadOid)}" but it did not. Pull and try merging again.`, 'STALE_DATA');
  }
  const files: Record<string, string | null> = {};
  for (const d of i.fileChanges?.deletions ?? []) files[String(d.path)] = null;
  for (const a of i.fileChanges?.additions ?? []) files[String(a.path)] = Buffer.from(String(a.contents), 'base64').toString('utf8');
  const msg = must(i.message, 'input.message');
  const headline = String(msg.headline);
  const message = typeof msg.body === 'string' && msg.body ? `${headline}\n\n${msg.body}` : headline;
  const oid = state.commits.add({
    owner: repo.owner,
    repo: repo.name,
    branch: branchName,
    message,
    files,
    author: { login },
    signedByGitHub: true,
  });
  return {
    status: 200,
    body: {
      data: {
        createCommitOnBranch: {
          commit: {
            oid,
            url: `https://github.com/${repo.owner}/${repo.name}/commit/${oid}`,
          },
        },
      },
    },
    violations: [],
    wrote: true,
  };
}

function checkInput(i: CommitInput | undefined): string[] {
  if (!i || typeof i !== 'object') return ['input is required'];
  const out: string[] = [];
  if (typeof i.branch?.repositoryNameWithOwner !== 'string' || !/^[^/]+\/[^/]+$/.test(i.branch.repositoryNameWithOwner))
    out.push('branch.repositoryNameWithOwner must be "owner/name"');
  if (typeof i.branch?.branchName !== 'string') out.push('branch.branchName must be a string');
  if (typeof i.message?.headline !== 'string' || !i.message.headline) out.push('message.headline must be a non-empty string');
  if (i.message?.body !== undefined && typeof i.message.body !== 'string') out.push('message.body must be a string');
  if (typeof i.expectedHeadOid !== 'string' || !/^[0-9a-f]{40}$/.test(i.expectedHeadOid)) out.push('expectedHeadOid must be a 40-hex GitObjectID');
  for (const a of i.fileChanges?.additions ?? []) {
    if (typeof a.path !== 'string' || !a.path) out.push('fileChanges.additions[].path must be a string');
    if (typeof a.contents !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(a.contents))
      out.push(`fileChanges.additions[${String(a.path)}].contents must be base64`);
  }
  for (const d of i.fileChanges?.deletions ?? []) if (typeof d.path !== 'string' || !d.path) out.push('fileChanges.deletions[].path must be a string');
  return out;
}
