import { links } from '../../action/context.js';
import { NO_RETRY, type GitHubClient, type RepoRef } from '../github-client.js';
import { getCommit } from './commits.js';

export interface FileAddition {
  path: string;
  contents: string;
}

export interface CommitRequest {
  branch: string;
  expectedHeadOid: string;
  headline: string;
  body: string;
  additions: FileAddition[];
  /** A trailer value unique to this commit: how a retry recognises that the first try landed. */
  proof: string;
}

export type CommitResult = { status: 'committed'; oid: string; url: string } | { status: 'stale'; reason: string } | { status: 'failed'; reason: string };

const CREATE_COMMIT = `mutation ($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) { commit { oid url } }
}`;

interface CreateCommitOnBranchData {
  createCommitOnBranch: { commit: { oid: string; url: string } };
}

/** What @octokit/graphql's GraphqlResponseError carries: the errors GitHub answered with. */
function graphqlErrors(error: unknown): { type?: string; message?: string }[] | undefined {
  if (typeof error !== 'object' || error === null || !('errors' in error) || !Array.isArray(error.errors)) return undefined;
  return error.errors as { type?: string; message?: string }[];
}

/**
 * A commit through the GraphQL `createCommitOnBranch` mutation: it only fast-forwards `branch` when its
 * head is still `expectedHeadOid` (no force-push exists in this code), and it is signed by GitHub.
 */
export async function createCommitOnBranch(client: GitHubClient, repo: RepoRef, req: CommitRequest): Promise<CommitResult> {
  const input = {
    branch: { repositoryNameWithOwner: `${repo.owner}/${repo.repo}`, branchName: req.branch },
    message: { headline: req.headline, body: req.body },
    fileChanges: { additions: req.additions.map((a) => ({ path: a.path, contents: Buffer.from(a.contents, 'utf8').toString('base64') })) },
    expectedHeadOid: req.expectedHeadOid,
  };
  return client.writeOnce<CommitResult>(
    `committing to ${req.branch}`,
    async () => {
      try {
        const data = await client.octokit.graphql<CreateCommitOnBranchData>(CREATE_COMMIT, { input, ...NO_RETRY });
        return { status: 'committed', ...data.createCommitOnBranch.commit };
      } catch (error) {
        const errors = graphqlErrors(error);
        if (!errors?.length) throw error;
        const message = errors.map((e) => e.message ?? e.type).join('; ');
        return errors.some((e) => e.type === 'STALE_DATA') ? { status: 'stale', reason: message } : { status: 'failed', reason: message };
      }
    },
    async () => {
      const head = await getCommit(client, repo, req.branch);
      return head.ours && head.parents[0] === req.expectedHeadOid && head.message.includes(req.proof)
        ? { status: 'committed', oid: head.sha, url: links.commit(client.serverUrl, repo, head.sha) }
        : undefined;
    },
  );
}
