import { unzip } from '../gate/unzip.js';
import type { GitHubClient, RepoRef } from '../github/github-client.js';
import { downloadArtifactZip, listRunArtifacts } from '../github/api/artifacts.js';
import { listRepoRuns } from '../github/api/runs.js';

export interface ArtifactFile {
  runId: number;
  headSha: string;
  file: string;
  text: string;
}

/**
 * The newest unexpired artifact `name` of a successful run on `branch`, its first file as text: where
 * the default branch's benchmark results live between runs (no commits to a gh-pages branch).
 * Looks at the newest `maxRuns` successful runs; undefined when none has the artifact.
 */
export async function latestArtifactFile(client: GitHubClient, repo: RepoRef, branch: string, name: string, maxRuns = 20): Promise<ArtifactFile | undefined> {
  const { items: runs } = await listRepoRuns(client, repo, { branch, status: 'success', per_page: maxRuns }, maxRuns);
  for (const run of runs) {
    const artifact = (await listRunArtifacts(client, repo, run.id, name)).find((a) => a.name === name && !a.expired);
    if (!artifact) continue;
    const files = unzip(await downloadArtifactZip(client, repo, artifact.id), `artifact ${name} of run ${run.id}`);
    const [file, bytes] = [...files].sort(([a], [b]) => a.localeCompare(b))[0] ?? [];
    if (file === undefined || !bytes) continue;
    return { runId: run.id, headSha: run.head_sha, file, text: bytes.toString('utf8') };
  }
  return undefined;
}
